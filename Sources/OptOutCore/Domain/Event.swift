/// A recorded event from the append-only log.
public struct Event: Sendable, Equatable {
    /// Position in the log; increases with every recorded event.
    public var id: Int64
    public var scope: String
    public var number: PhoneNumber
    public var action: Action
    public var source: Source
    public var at: Timestamp
    public var recordedAt: Timestamp
    public var actor: String?
    public var reason: String?
    public var messageID: String?
    public var messageText: String?
    public var keyword: String?
    /// False when the event arrived after a newer change of the same fact and did not override it.
    public var applied: Bool
}
