/// A recorded event from the append-only log.
public struct Event: Sendable, Equatable {
    /// Position in the log; increases with every recorded event.
    public var id: Int64
    public var scope: String
    /// The identifier the event was recorded under.
    public var identifier: Identifier
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
    /// The time the event claimed when it was more than `WriteTransaction.futureTolerance` after the
    /// clock that received it: `at` is then the time it was received (contract §2).
    public var claimedAt: Timestamp? = nil
    /// The operating-system user of the process that recorded it.
    public var osUser: String? = nil
    /// The matcher's layer and rule when a message decided it.
    public var layer: MatchLayer? = nil
    public var rule: String? = nil
    /// For a `review`: the verdict accepting it records (reviews of earlier releases: opt-out).
    public var proposed: Verdict? = nil
    /// For a review decision: the event it is about.
    public var targetEvent: Int64? = nil
    /// For a `link` recorded from schema 7 on: the other identifier (earlier links name it only in
    /// their reason, if at all).
    public var linkedIdentifier: Identifier? = nil
}
