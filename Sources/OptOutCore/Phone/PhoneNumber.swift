// MARK: - Phone number

/// An E.164 number held as its digits (country code first) in a UInt64, e.g. 15551234567.
///
/// Ordering is that of the E.164 text ("+1…" before "+44…"), so sorted output reads naturally.
public struct PhoneNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The E.164 digits, country calling code first.
    public let digits: UInt64

    /// Strict parser for stored data: "+" then 6–15 ASCII digits, the first not 0.
    public init?(e164: String) {
        var text = e164
        guard let number = text.withUTF8({ PhoneNumber(e164: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = number
    }

    /// `init(e164:)` on UTF-8 bytes, such as a column read without making a `String`.
    public init?(e164 bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 7, bytes.count <= 16, bytes[0] == UInt8(ascii: "+"), bytes[1] != UInt8(ascii: "0") else {
            return nil
        }
        var value: UInt64 = 0
        for byte in bytes.dropFirst() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
        }
        self.digits = value
    }

    /// A number from its E.164 digits; nil unless it has 6–15 digits (the shortest in the country data:
    /// a two-digit calling code and a four-digit national number, as +43 and +49 allow).
    public init?(digits: UInt64) {
        guard digits >= 100_000, digits < 1_000_000_000_000_000 else { return nil }
        self.digits = digits
    }

    /// The E.164 text, e.g. "+15551234567": written once into the string's own storage (up to 15
    /// bytes it is stored inline), since every row a bulk command writes or prints holds one.
    public var e164: String {
        String(unsafeUninitializedCapacity: Self.digitCount(of: digits) + 1) { text in
            guard let base = text.baseAddress else { return 0 }
            base[0] = UInt8(ascii: "+")
            return 1 + DecimalText.write(digits, to: base + 1)
        }
    }

    /// Same as `e164`.
    public var description: String { e164 }

    /// Number of digits (6–15).
    var digitCount: Int { Self.digitCount(of: digits) }

    /// The ITU calling code, e.g. 1, 52, 54, 55, 44 (0 if the leading digits are not an assigned code).
    public var countryCode: Int {
        let count = digitCount
        for length in 1...3 {
            let code = Int(digits / Self.powerOfTen(count - length))
            if CallingCode(code: code) != nil { return code }
        }
        return 0
    }

    /// One person, one key: folds Mexico +521XXXXXXXXXX and +52XXXXXXXXXX, Argentina mobiles with and
    /// without the 9 after 54, and Brazil mobiles with and without the ninth digit, to the same value.
    ///
    /// The key is the short form: +52 + 10 digits, +54 + 10 digits, +55 + DDD + 8 digits. A Brazilian
    /// 11-digit number is folded only when the digit after the 9 is 6–9 (the old mobile ranges), so a
    /// landline (8 digits starting 2–5) never shares a key with a mobile. Other numbers are their own key.
    public var matchKey: UInt64 {
        // 13 digits, tested as a range (counting the digits costs a division each).
        guard digits >= 1_000_000_000_000 && digits < 10_000_000_000_000 else { return digits }
        let national = digits % 100_000_000_000  // 11 digits after a two-digit country code
        switch digits / 100_000_000_000 {
        case 52 where national / 10_000_000_000 == 1:
            return 52 * 10_000_000_000 + national % 10_000_000_000
        case 54 where national / 10_000_000_000 == 9:
            return 54 * 10_000_000_000 + national % 10_000_000_000
        case 55:
            let area = national / 1_000_000_000
            let ninth = national / 100_000_000 % 10
            let next = national / 10_000_000 % 10
            guard ninth == 9, next >= 6 else { return digits }
            return 55 * 10_000_000_000 + area * 100_000_000 + national % 100_000_000
        default:
            return digits
        }
    }

    // MARK: Comparable

    /// Orders as the E.164 text does: digit by digit, a prefix before its extensions.
    public static func < (lhs: PhoneNumber, rhs: PhoneNumber) -> Bool {
        let lhsCount = lhs.digitCount
        let rhsCount = rhs.digitCount
        let lhsPadded = lhs.digits &* powerOfTen(15 - lhsCount)
        let rhsPadded = rhs.digits &* powerOfTen(15 - rhsCount)
        if lhsPadded != rhsPadded { return lhsPadded < rhsPadded }
        return lhsCount < rhsCount
    }

    // MARK: Digit arithmetic

    /// Decimal digits in `value` (1 for 0).
    static func digitCount(of value: UInt64) -> Int {
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// 10^exponent for 0...19 (1 for anything else).
    static func powerOfTen(_ exponent: Int) -> UInt64 {
        guard exponent > 0, exponent < 20 else { return 1 }
        var result: UInt64 = 1
        for _ in 0..<exponent { result &*= 10 }
        return result
    }
}

// MARK: - Region
