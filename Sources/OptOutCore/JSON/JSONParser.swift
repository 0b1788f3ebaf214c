// MARK: - JSONParseError

// MARK: - JSONParser

/// A strict RFC 8259 parser: bytes in, `JSONValue` out.
///
/// Rules: one value with optional whitespace (space, tab, LF, CR) around it; a leading UTF-8 byte
/// order mark is skipped; strings must be valid UTF-8 without raw control characters; `\u` escapes,
/// including surrogate pairs, are decoded and a lone surrogate is an error; numbers follow the RFC
/// grammar (no leading zeros, no `+`, no bare `.`); integers that fit in `Int64` become `.integer`,
/// other numbers `.number`; nesting deeper than `maxDepth` and inputs longer than `maxBytes` are
/// refused. Duplicate object keys are kept in order (`JSONValue`'s subscript returns the first).
public struct JSONParser: Sendable {
    /// Deepest nesting of arrays and objects accepted.
    public var maxDepth: Int
    /// Longest input accepted, in bytes.
    public var maxBytes: Int

    /// Creates a parser with limits (defaults: depth 64, 16 MiB).
    public init(maxDepth: Int = 64, maxBytes: Int = 16 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// Parses one JSON text.
    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses one JSON text from raw bytes (no copy).
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        guard bytes.count <= maxBytes else {
            throw JSONParseError(offset: maxBytes, reason: "JSON text longer than \(maxBytes) bytes")
        }
        var reader = JSONByteReader(bytes: bytes, maxDepth: maxDepth)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.position = 3 }
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.position == bytes.count else {
            throw JSONParseError(offset: reader.position, reason: "unexpected data after the JSON value")
        }
        return value
    }
}

// MARK: - JSONByteReader

/// The recursive-descent reader behind `JSONParser`.
private struct JSONByteReader {
    let bytes: UnsafeRawBufferPointer
    let maxDepth: Int
    var position = 0

    init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position &+= 1
            default: return
            }
        }
    }

    func fail(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? position, reason: reason)
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw fail("unexpected end of input; expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth &+ 1)
        case UInt8(ascii: "["): return try array(depth: depth &+ 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("unexpected character; expected a value")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = position
        let count = word.utf8CodeUnitCount
        guard bytes.count &- position >= count else { throw fail("invalid literal", at: start) }
        let matches = word.withUTF8Buffer { expected in
            for index in 0..<count where bytes[position &+ index] != expected[index] { return false }
            return true
        }
        guard matches else { throw fail("invalid literal", at: start) }
        position &+= count
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth) levels") }
        position &+= 1
        var pairs: [(String, JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position &+= 1
            return .object(pairs)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a string key in an object") }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after an object key") }
            position &+= 1
            skipWhitespace()
            let member = try value(depth: depth)
            pairs.append((key, member))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ",")?: position &+= 1
            case UInt8(ascii: "}")?:
                position &+= 1
                return .object(pairs)
            default: throw fail("expected ',' or '}' after an object member")
            }
        }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth) levels") }
        position &+= 1
        var values: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position &+= 1
            return .array(values)
        }
        while true {
            skipWhitespace()
            values.append(try value(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ",")?: position &+= 1
            case UInt8(ascii: "]")?:
                position &+= 1
                return .array(values)
            default: throw fail("expected ',' or ']' after an array element")
            }
        }
    }

    // MARK: Strings

    mutating func string() throws(JSONParseError) -> String {
        let start = position
        position &+= 1
        // Fast path: no escapes; the bytes are validated as UTF-8 in one go.
        var scan = position
        var highBits: UInt8 = 0
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<scan])
                // ASCII is valid UTF-8 as it is: decoded without the generic validation.
                let text = highBits < 0x80 ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
                guard let text else { throw fail("string is not valid UTF-8", at: start) }
                position = scan &+ 1
                return text
            }
            highBits |= byte
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("unescaped control character in a string", at: scan) }
            scan &+= 1
        }
        guard scan < bytes.count else { throw fail("unterminated string", at: start) }
        var output: [UInt8] = Array(bytes[position..<scan])
        position = scan
        while true {
            guard let byte = current else { throw fail("unterminated string", at: start) }
            switch byte {
            case UInt8(ascii: "\""):
                position &+= 1
                guard let text = String(validating: output, as: UTF8.self) else {
                    throw fail("string is not valid UTF-8", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &output)
            case 0..<0x20:
                throw fail("unescaped control character in a string")
            default:
                output.append(byte)
                position &+= 1
            }
        }
    }

    mutating func escape(into output: inout [UInt8]) throws(JSONParseError) {
        let start = position
        position &+= 1
        guard let byte = current else { throw fail("unterminated escape", at: start) }
        position &+= 1
        switch byte {
        case UInt8(ascii: "\""): output.append(0x22)
        case UInt8(ascii: "\\"): output.append(0x5C)
        case UInt8(ascii: "/"): output.append(0x2F)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(scalar) {
                guard bytes.count &- position >= 6, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position &+ 1] == UInt8(ascii: "u")
                else { throw fail("high surrogate without a low surrogate", at: start) }
                let lowStart = position
                position &+= 2
                let low = try hex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw fail("high surrogate without a low surrogate", at: start)
                }
                scalar = 0x10000 &+ ((scalar &- 0xD800) << 10) &+ (low &- 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("lone low surrogate", at: start)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape", at: start) }
            if let encoded = UTF8.encode(unicode) { output.append(contentsOf: encoded) }
        default:
            throw fail("invalid escape", at: start)
        }
    }

    mutating func hex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard bytes.count &- position >= 4 else { throw fail("\\u needs four hex digits", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw fail("\\u needs four hex digits", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position &+= 1
        }
        return value
    }

    // MARK: Numbers

    mutating func number() throws(JSONParseError) -> JSONValue {
        let start = position
        if current == UInt8(ascii: "-") { position &+= 1 }
        guard let first = current, isDigit(first) else { throw fail("expected a digit", at: position) }
        if first == UInt8(ascii: "0") {
            position &+= 1
            if let next = current, isDigit(next) { throw fail("leading zero in a number", at: start) }
        } else {
            skipDigits()
        }
        var integral = true
        if current == UInt8(ascii: ".") {
            integral = false
            position &+= 1
            guard let digit = current, isDigit(digit) else { throw fail("expected a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            position &+= 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position &+= 1 }
            guard let digit = current, isDigit(digit) else { throw fail("expected a digit in the exponent") }
            skipDigits()
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if integral, let integer = Int64(text) { return .integer(integer) }
        guard let double = Double(text), double.isFinite else { throw fail("number out of range", at: start) }
        return .number(double)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func skipDigits() {
        while let byte = current, isDigit(byte) { position &+= 1 }
    }
}
