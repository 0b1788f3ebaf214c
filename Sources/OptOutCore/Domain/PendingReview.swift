/// A message held for a person's decision (`optout review`): the review event of the held person.
public struct PendingReview: Sendable, Equatable {
    /// The review event: its id names the review in `review accept ID`, its time is the message's.
    public var event: Event
    /// What accepting it records: the verdict the matcher proposed (reviews logged by releases before
    /// the matcher proposed one were all possible requests to stop: an opt-out).
    public var proposed: Verdict { event.proposed ?? .optOut }

    public init(event: Event) { self.event = event }
}
