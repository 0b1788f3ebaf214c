/// What recording an event did.
public struct RecordOutcome: Sendable, Equatable {
    /// The event was appended to the log.
    public var logged: Bool
    /// A fact changed.
    public var changed: Bool
    /// The event was older than the last change of its fact and did not override it.
    public var stale: Bool
    /// The entry before and after (nil when there was none).
    public var before: Entry?
    public var after: Entry?

    /// The time the event claimed, when it was too far in the future to trust (the event was
    /// recorded at the time it was received instead).
    public var claimedAt: Timestamp? = nil

    /// The status after the event.
    public var statusAfter: Status { after?.status ?? .active }
}
