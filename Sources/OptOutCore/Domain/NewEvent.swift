/// An event to record.
public struct NewEvent: Sendable, Equatable {
    public var scope: String
    public var number: PhoneNumber
    public var action: Action
    public var source: Source
    /// When it happened (a webhook's timestamp, or now).
    public var at: Timestamp
    public var actor: String?
    public var reason: String?
    public var messageID: String?
    public var messageText: String?
    public var keyword: String?

    public init(
        scope: String, number: PhoneNumber, action: Action, source: Source, at: Timestamp,
        actor: String? = nil, reason: String? = nil, messageID: String? = nil, messageText: String? = nil,
        keyword: String? = nil
    ) {
        self.scope = scope
        self.number = number
        self.action = action
        self.source = source
        self.at = at
        self.actor = actor
        self.reason = reason
        self.messageID = messageID
        self.messageText = messageText
        self.keyword = keyword
    }
}
