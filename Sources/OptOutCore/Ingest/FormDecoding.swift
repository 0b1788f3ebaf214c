/// `application/x-www-form-urlencoded` decoding (WHATWG URL standard, strict about escapes).
public enum FormDecoding {
    /// The name–value pairs in order. `+` is a space; `%XX` a byte; empty pairs (`a=1&&b=2`) are skipped.
    public static func decode(_ bytes: [UInt8]) throws(OptOutError) -> [(String, String)] {
        var trimmed = bytes[...]
        while let last = trimmed.last, last == 0x0A || last == 0x0D || last == 0x20 { trimmed = trimmed.dropLast() }
        var pairs: [(String, String)] = []
        for (index, piece) in trimmed.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).enumerated() {
            guard let equals = piece.firstIndex(of: UInt8(ascii: "=")), equals > piece.startIndex else {
                throw OptOutError(.badInput, "not a form-encoded body: pair \(index + 1) has no 'name='")
            }
            let name = try decodeComponent(piece[..<equals], pair: index + 1)
            let value = try decodeComponent(piece[piece.index(after: equals)...], pair: index + 1)
            pairs.append((name, value))
        }
        return pairs
    }

    private static func decodeComponent(_ bytes: ArraySlice<UInt8>, pair: Int) throws(OptOutError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "+"):
                output.append(0x20)
                index &+= 1
            case UInt8(ascii: "%"):
                guard bytes.endIndex &- index >= 3, let high = hexValue(bytes[index &+ 1]),
                    let low = hexValue(bytes[index &+ 2])
                else { throw OptOutError(.badInput, "not a form-encoded body: bad '%' escape in pair \(pair)") }
                output.append(high << 4 | low)
                index &+= 3
            case 0..<0x20, 0x7F, UInt8(ascii: " "):
                throw OptOutError(.badInput, "not a form-encoded body: raw space or control character in pair \(pair)")
            default:
                output.append(byte)
                index &+= 1
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else {
            throw OptOutError(.badInput, "not a form-encoded body: pair \(pair) is not UTF-8")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }
}
