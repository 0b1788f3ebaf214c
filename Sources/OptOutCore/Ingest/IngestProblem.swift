/// Why an inbound item was not recorded; never holds message text.
public enum IngestProblem: Sendable, Equatable, CustomStringConvertible {
    /// The item names neither a phone number nor a user id for its sender (described as the body gave
    /// it, if at all).
    case noSender(String?)
    /// The sender is not a valid phone number, and there is no valid user id.
    case invalidSender(PhoneRejection)
    /// The sender's user id does not have the form of a BSUID, and there is no valid number.
    case invalidUserID

    public var description: String {
        switch self {
        case .noSender(let given): "sender has no phone number or user id (\(given ?? "none given")); not recorded"
        case .invalidSender(let rejection): "sender is not a phone number: \(rejection); not recorded"
        case .invalidUserID: "sender's user id is not a WhatsApp business-scoped user id (CC.letters and digits); not recorded"
        }
    }
}
