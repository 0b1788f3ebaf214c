/// An ISO 3166 region such as US, MX, BR known to the country table.
public struct Region: Hashable, Sendable, CustomStringConvertible {
    /// The two letters packed high byte first.
    let packed: UInt16
    /// The calling-code row of the region.
    let callingCode: CallingCode

    /// Case-insensitive ("us" is fine); nil for a region the table does not know.
    public init?(code: String) {
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 2,
              let high = Self.upperLetter(scalars[0]), let low = Self.upperLetter(scalars[1]) else { return nil }
        self.init(packed: UInt16(high) << 8 | UInt16(low))
    }

    /// The region packed as in `CountryTable.regionCodes`; nil for one the table does not know.
    init?(packed: UInt16) {
        guard let row = CountryTable.regionCodes.sortedIndex(of: packed) else { return nil }
        self.packed = packed
        self.callingCode = CallingCode(row: Int(CountryTable.regionRows[row]))
    }

    /// The upper-case ISO code, e.g. "US".
    public var code: String {
        String(decoding: [UInt8(packed >> 8), UInt8(packed & 0xFF)], as: UTF8.self)
    }

    /// Same as `code`.
    public var description: String { code }

    /// The ITU calling code of the region, e.g. 1 for US and CA.
    public var countryCode: Int { callingCode.code }

    private static func upperLetter(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x41...0x5A: return UInt8(scalar.value)
        case 0x61...0x7A: return UInt8(scalar.value - 0x20)
        default: return nil
        }
    }
}
