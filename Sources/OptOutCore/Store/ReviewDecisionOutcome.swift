/// What deciding a review did.
public struct ReviewDecisionOutcome: Sendable, Equatable {
    public var review: PendingReview
    /// For an accepted review: recording the proposed opt-out (stale when the customer said otherwise later).
    public var applied: RecordOutcome?
    /// The person's status afterwards.
    public var statusAfter: Status
}
