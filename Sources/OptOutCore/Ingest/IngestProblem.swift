/// Why an inbound item was not recorded; never holds message text.
public enum IngestProblem: Sendable, Equatable, CustomStringConvertible {
    /// The item names no phone number for its sender (described as the body gave it, if at all).
    case noSender(String?)
    /// The sender is not a valid phone number.
    case invalidSender(PhoneRejection)

    public var description: String {
        switch self {
        case .noSender(let given): "sender has no phone number (\(given ?? "none given")); not recorded"
        case .invalidSender(let rejection): "sender is not a phone number: \(rejection); not recorded"
        }
    }
}
