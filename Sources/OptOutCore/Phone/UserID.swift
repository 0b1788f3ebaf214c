/// A WhatsApp business-scoped user ID (BSUID, contract §2): an ISO country code, a dot and up to 128
/// letters and digits, e.g. `US.13491208655302741918`; a parent BSUID, which spans several business
/// portfolios, has `ENT.` after the country (`US.ENT.…`). Kept exactly as received, case included.
public struct UserID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ID as received.
    public let text: String

    /// The longest part after the country (and `ENT.`) that WhatsApp uses.
    public static let maxLength = 128

    /// Reads `text` when it has the form of a BSUID, nil otherwise.
    public init?(_ text: String) {
        var bytes = text
        guard bytes.withUTF8({ Self.hasForm(UnsafeRawBufferPointer($0)) }) else { return nil }
        self.text = text
    }

    /// Reads UTF-8 `bytes` when they have the form of a BSUID, nil otherwise: checked on the bytes, so
    /// that a phone number (which never has the form) costs no `String`.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        guard Self.hasForm(bytes) else { return nil }
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `bytes` are two capital letters, a dot, optionally `ENT.`, and 1…`maxLength` letters and
    /// digits.
    private static func hasForm(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 4, isUpper(bytes[0]), isUpper(bytes[1]), bytes[2] == UInt8(ascii: ".") else { return false }
        var rest = bytes[3...]
        if rest.starts(with: "ENT.".utf8) { rest = rest.dropFirst(4) }
        return !rest.isEmpty && rest.count <= maxLength && rest.allSatisfy(isLetterOrDigit)
    }

    /// Whether this is a parent BSUID (`CC.ENT.…`).
    public var isParent: Bool { text.utf8.dropFirst(3).starts(with: Array("ENT.".utf8)) }

    /// The key entries and events are stored under: FNV-1a (64 bits) of the text with the top bit set.
    /// A phone number's match key is its digits, below 10^15, so the two kinds never share a key; two
    /// BSUIDs share one with a chance of about one in 2^63 per pair, and would then be suppressed together.
    public var matchKey: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash | 1 << 63
    }

    public var description: String { text }

    public static func < (left: UserID, right: UserID) -> Bool { left.text < right.text }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || isUpper(byte)
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
