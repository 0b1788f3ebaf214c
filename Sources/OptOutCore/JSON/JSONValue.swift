/// A JSON value whose object keys keep the order they were written in, so output is stable.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// A number that is not an integer in `Int64` range (only from parsed input; written with
    /// Swift's shortest round-trip form, non-finite values as `null`).
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Key–value pairs in output order.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    /// `string` for a present value, `null` for nil.
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    public static func optional(_ number: Int64?) -> JSONValue { number.map(JSONValue.integer) ?? .null }

    /// The value in an object under `key`, nil when absent or not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    // MARK: - Serialising

    /// Compact JSON text (no spaces), with non-ASCII characters written as UTF-8.
    public var serialized: String { String(decoding: utf8, as: UTF8.self) }

    /// The compact JSON text as UTF-8 bytes.
    public var utf8: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(to: &bytes)
        return bytes
    }

    /// Appends compact JSON text (UTF-8) to `output`.
    public func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): output.append(contentsOf: String(value).utf8)
        case .number(let value): output.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                value.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON string literal for `value` to `output`.
    public static func writeString(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            // Most values need no escape: then one copy between the quotes. (No `reserveCapacity`: it
            // grows to exactly what is asked, so a buffer filled field by field would be copied again
            // and again instead of doubling.)
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) {
                output.append(UInt8(ascii: "\""))
                output.append(contentsOf: bytes)
                output.append(UInt8(ascii: "\""))
                return
            }
            writeString(UnsafeRawBufferPointer(bytes)) { output.append(contentsOf: $0) }
        }
    }

    /// A JSON string literal for `value`, as text.
    public static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = []
        writeString(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the JSON string literal for UTF-8 `bytes` as runs of bytes passed to `emit`, escaping
    /// quotes, backslashes, control characters and U+2028/U+2029 (RFC 8259 §7): `\"`, `\\`, `\n`,
    /// `\r`, `\t`, `\u00XX`, `\u2028`, `\u2029`. The one JSON string escaper of the project.
    public static func writeString<Failure: Error>(
        _ bytes: UnsafeRawBufferPointer, _ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        try emit(quote)
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var escape: StaticString?
            var width = 1
            var control: UInt8?
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0..<0x20: control = byte
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            default:
                index += 1
                continue
            }
            try emit(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            if let escape {
                try emit(UnsafeRawBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
            } else if let control {
                let hex: StaticString = "0123456789abcdef"
                var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30,
                    hex.utf8Start[Int(control >> 4)], hex.utf8Start[Int(control & 0xF)])
                try withUnsafeBytes(of: &digits) { (buffer) throws(Failure) in try emit(buffer) }
            }
            index += width
            runStart = index
        }
        try emit(UnsafeRawBufferPointer(rebasing: bytes[runStart..<count]))
        try emit(quote)
    }

    private static let quoteByte: StaticString = "\""
    private static var quote: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: quoteByte.utf8Start, count: 1)
    }
}
