import OptOutPlatform

/// The permission bits of the files optout creates (databases and outputs): 0600 unless the
/// environment asks for group access (`OPTOUT_FILE_MODE`, at most 0660, for a database a team shares
/// through a group). Never readable or writable by others.
public struct FileMode: Sendable, Equatable, CustomStringConvertible {
    public let bits: mode_t

    /// 0600: only the owner.
    public static let `private` = FileMode(checkedBits: 0o600)

    private init(checkedBits: mode_t) { bits = checkedBits }

    /// An octal mode such as `0640` or `660`; nil unless it is within 0660 (owner read and write
    /// required, group at most read and write, nothing for others).
    public init?(octal text: String) {
        guard !text.isEmpty, text.utf8.count <= 4, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }),
            let value = mode_t(text, radix: 8), value & ~mode_t(0o660) == 0, value & 0o600 == 0o600
        else { return nil }
        bits = value
    }

    /// `0640`.
    public var description: String {
        let digits = String(bits, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
