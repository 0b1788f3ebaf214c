// MARK: - Rejection reasons

/// Why an input is not a phone number.
///
/// `description` is a short lower-case reason for people, e.g. "contains letters" or
/// "too short for +44 (needs 7, 9 or 10 digits)".
public enum PhoneRejection: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing but whitespace.
    case empty
    /// Punctuation but not a single digit ("+", "--", "+ - .").
    case noDigits
    /// Letters that are not a `tel:`-style prefix or an extension ("N/A", "1-800-FLOWERS", "01OO").
    case containsLetters
    /// A spreadsheet number in scientific notation; the digits are lost. Holds the text as written.
    case scientificNotation(String)
    /// A character that has no place in a phone number (emoji, `@`, `#`, `,`, control characters).
    case invalidCharacter(Unicode.Scalar)
    /// The bytes are not valid UTF-8.
    case invalidUTF8
    /// A `+` after digits or a second `+` (often two numbers in one field).
    case misplacedPlus
    /// An international prefix (`+`, `00`, `011`…) with no country calling code after it.
    case missingCountryCode
    /// The digits after `+` (or an international prefix) start with no assigned calling code.
    case unknownCountryCode(String)
    /// The national number is shorter than any possible length for the country.
    case tooShort(countryCode: Int)
    /// The national number is longer than any possible length for the country.
    case tooLong(countryCode: Int)
    /// The national number's length is between possible lengths but is not one of them.
    case invalidLength(countryCode: Int)
    /// A local number without its area code (only dialable inside the area, not an E.164 number).
    case localOnly(countryCode: Int)
    /// More than the 15 digits E.164 allows.
    case moreThan15Digits
    /// A national number (no `+`, no international prefix) and no default country to read it in.
    case needsDefaultCountry

    /// A short lower-case reason for people.
    public var description: String {
        switch self {
        case .empty: return "empty"
        case .noDigits: return "no digits"
        case .containsLetters: return "contains letters"
        case .scientificNotation(let text):
            if text.isEmpty { return "looks like Excel scientific notation; format the column as text" }
            return "looks like Excel scientific notation (\(text)); format the column as text"
        case .invalidCharacter(let scalar):
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            if scalar.properties.generalCategory == .control || scalar.value == 0x7F {
                return "contains a control character (\(code))"
            }
            return "contains an invalid character '\(Character(scalar))' (\(code))"
        case .invalidUTF8: return "not valid UTF-8"
        case .misplacedPlus: return "'+' in the middle (two numbers in one field?)"
        case .missingCountryCode: return "international prefix without a country calling code"
        case .unknownCountryCode(let digits): return "unknown country calling code +\(digits)"
        case .tooShort(let code): return "too short for +\(code) (needs \(Self.lengthsText(code)) digits)"
        case .tooLong(let code): return "too long for +\(code) (needs \(Self.lengthsText(code)) digits)"
        case .invalidLength(let code):
            return "wrong length for +\(code) (needs \(Self.lengthsText(code)) digits)"
        case .localOnly(let code):
            return "local number without area code for +\(code) (needs \(Self.lengthsText(code)) digits)"
        case .moreThan15Digits: return "more than 15 digits"
        case .needsDefaultCountry: return "national number needs a default country"
        }
    }

    /// "7, 9 or 10" for +44.
    private static func lengthsText(_ code: Int) -> String {
        guard let row = CallingCode(code: code) else { return "?" }
        let lengths = row.possibleLengths.map(String.init)
        guard let last = lengths.last else { return "?" }
        if lengths.count == 1 { return last }
        return lengths.dropLast().joined(separator: ", ") + " or " + last
    }

    // MARK: - Compact form

    /// The rejection in 32 bits, for a row table that cannot hold strings (`filter-campaign` keeps one
    /// per row): the case in the low 5 bits, its country code, character or unknown code above. The text
    /// of `scientificNotation` is not kept (the row holds it). Never 0, so 0 can mean "none".
    public var code: UInt32 {
        switch self {
        case .empty: return 1
        case .noDigits: return 2
        case .containsLetters: return 3
        case .scientificNotation: return 4
        case .invalidCharacter(let scalar): return 5 | scalar.value << 5
        case .invalidUTF8: return 6
        case .misplacedPlus: return 7
        case .missingCountryCode: return 8
        case .unknownCountryCode(let digits):
            let value = UInt32(digits.prefix(3)) ?? 0
            return 9 | UInt32(min(digits.count, 3)) << 5 | value << 7
        case .tooShort(let code): return 10 | UInt32(truncatingIfNeeded: code) << 5
        case .tooLong(let code): return 11 | UInt32(truncatingIfNeeded: code) << 5
        case .invalidLength(let code): return 12 | UInt32(truncatingIfNeeded: code) << 5
        case .localOnly(let code): return 13 | UInt32(truncatingIfNeeded: code) << 5
        case .moreThan15Digits: return 14
        case .needsDefaultCountry: return 15
        }
    }

    /// The rejection `code` stands for; nil for 0 or a code no rejection gives.
    public init?(code: UInt32) {
        let payload = code >> 5
        switch code & 0x1F {
        case 1: self = .empty
        case 2: self = .noDigits
        case 3: self = .containsLetters
        case 4: self = .scientificNotation("")
        case 5:
            guard let scalar = Unicode.Scalar(payload) else { return nil }
            self = .invalidCharacter(scalar)
        case 6: self = .invalidUTF8
        case 7: self = .misplacedPlus
        case 8: self = .missingCountryCode
        case 9:
            let count = Int(payload & 0x3)
            let digits = String(payload >> 2)
            self = .unknownCountryCode(String(repeating: "0", count: max(0, count - digits.count)) + digits)
        case 10: self = .tooShort(countryCode: Int(payload))
        case 11: self = .tooLong(countryCode: Int(payload))
        case 12: self = .invalidLength(countryCode: Int(payload))
        case 13: self = .localOnly(countryCode: Int(payload))
        case 14: self = .moreThan15Digits
        case 15: self = .needsDefaultCountry
        default: return nil
        }
    }
}
