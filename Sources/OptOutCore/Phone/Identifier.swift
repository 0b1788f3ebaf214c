/// What a subject is known by (contract §2): an E.164 number or a WhatsApp business-scoped user ID.
public enum Identifier: Hashable, Comparable, Sendable, CustomStringConvertible {
    case phone(PhoneNumber)
    case user(UserID)

    /// Reads an identifier as stored: E.164 text, or a BSUID.
    public init?(stored text: String) {
        var text = text
        guard let identifier = text.withUTF8({ Identifier(stored: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = identifier
    }

    /// `init(stored:)` on UTF-8 bytes: a number is read from them without making a `String`.
    public init?(stored bytes: UnsafeRawBufferPointer) {
        if bytes.first == UInt8(ascii: "+") {
            guard let number = PhoneNumber(e164: bytes) else { return nil }
            self = .phone(number)
        } else {
            guard let user = UserID(bytes) else { return nil }
            self = .user(user)
        }
    }

    /// The key entries and events are stored under (numbers fold the WhatsApp quirks, §3).
    public var matchKey: UInt64 {
        switch self {
        case .phone(let number): number.matchKey
        case .user(let user): user.matchKey
        }
    }

    /// The text shown and stored: `+15551234567`, or the BSUID as received.
    public var text: String {
        switch self {
        case .phone(let number): number.e164
        case .user(let user): user.text
        }
    }

    /// The number, when this is one.
    public var phone: PhoneNumber? {
        if case .phone(let number) = self { return number }
        return nil
    }

    /// The BSUID (parent or not), when this is one.
    public var userID: UserID? {
        if case .user(let user) = self { return user }
        return nil
    }

    public var description: String { text }

    /// Numbers first, in E.164 order, then BSUIDs.
    public static func < (left: Identifier, right: Identifier) -> Bool {
        switch (left, right) {
        case (.phone(let a), .phone(let b)): a < b
        case (.user(let a), .user(let b)): a < b
        case (.phone, .user): true
        case (.user, .phone): false
        }
    }
}
