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
    /// Fewer than the 8 digits this tool stores (E.164 numbers are 8 to 15 digits here).
    case fewerThan8Digits
    /// A national number (no `+`, no international prefix) and no default country to read it in.
    case needsDefaultCountry

    /// A short lower-case reason for people.
    public var description: String {
        switch self {
        case .empty: return "empty"
        case .noDigits: return "no digits"
        case .containsLetters: return "contains letters"
        case .scientificNotation(let text):
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
        case .fewerThan8Digits: return "fewer than 8 digits"
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
}
