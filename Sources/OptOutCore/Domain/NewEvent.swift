/// An event to record.
public struct NewEvent: Sendable, Equatable {
    public var scope: String
    /// The identifier the event is recorded under: a number, or a BSUID.
    public var identifier: Identifier
    public var action: Action
    public var source: Source
    /// When it happened (a webhook's timestamp, or now).
    public var at: Timestamp
    public var actor: String?
    public var reason: String?
    public var messageID: String?
    public var messageText: String?
    public var keyword: String?
    /// The matcher's layer and rule when a message decided it.
    public var layer: MatchLayer?
    public var rule: String?
    /// For a `review`: the verdict accepting it records.
    public var proposed: Verdict?
    /// For a review decision: the event it is about.
    public var targetEvent: Int64?
    /// For a `link`: the other identifier, now the same person (what `verify` replays the link with).
    public var linkedIdentifier: Identifier?
    /// For a `review-undo`: the consent the number had before the undone opt-out (not stored: the
    /// log derives it from the events before the undone one).
    var restoredConsent: Consent?

    public init(
        scope: String, identifier: Identifier, action: Action, source: Source, at: Timestamp,
        actor: String? = nil, reason: String? = nil, messageID: String? = nil, messageText: String? = nil,
        keyword: String? = nil, layer: MatchLayer? = nil, rule: String? = nil, proposed: Verdict? = nil,
        targetEvent: Int64? = nil
    ) {
        self.scope = scope
        self.identifier = identifier
        self.action = action
        self.source = source
        self.at = at
        self.actor = actor
        self.reason = reason
        self.messageID = messageID
        self.messageText = messageText
        self.keyword = keyword
        self.layer = layer
        self.rule = rule
        self.proposed = proposed
        self.targetEvent = targetEvent
    }

    /// An event for a number.
    public init(
        scope: String, number: PhoneNumber, action: Action, source: Source, at: Timestamp,
        actor: String? = nil, reason: String? = nil, messageID: String? = nil, messageText: String? = nil,
        keyword: String? = nil
    ) {
        self.init(
            scope: scope, identifier: .phone(number), action: action, source: source, at: at, actor: actor,
            reason: reason, messageID: messageID, messageText: messageText, keyword: keyword)
    }
}
