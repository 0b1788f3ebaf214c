/// A message held for a person's decision (`optout review`): the review event of the held person.
public struct PendingReview: Sendable, Equatable {
    /// The review event: its id names the review in `review accept ID`, its time is the message's.
    public var event: Event
    /// What accepting it records: an opt-out (every review rule today flags a possible request to stop).
    public var proposed: Verdict { .optOut }

    public init(event: Event) { self.event = event }
}
