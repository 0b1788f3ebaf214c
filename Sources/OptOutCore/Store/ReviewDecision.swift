/// A reviewer's decision on a held message (`optout review accept|dismiss`).
public struct ReviewDecision: Sendable, Equatable {
    /// Which review: a review event's id, or the person's number (their pending review).
    public enum Selector: Sendable, Equatable {
        case event(Int64)
        case number(PhoneNumber)
    }

    public enum Verdict: Sendable, Equatable {
        /// Record the proposed verdict (an opt-out, at the time of the message) and close the review.
        case accept
        /// Close the review without a change.
        case dismiss
    }

    public var selector: Selector
    public var verdict: Verdict
    public var scope: String
    public var actor: String?
    /// Why; required to dismiss.
    public var reason: String?

    public init(selector: Selector, verdict: Verdict, scope: String, actor: String?, reason: String?) {
        self.selector = selector
        self.verdict = verdict
        self.scope = scope
        self.actor = actor
        self.reason = reason
    }
}

extension OptOutStore {
    /// Decides one pending review in one transaction: the decision is an event by the reviewer
    /// (`review-accept` or `review-dismiss`, source manual), and an accepted review also records its
    /// proposed opt-out (source `review`) at the time of the held message, so that a later word of the
    /// customer (a START) still wins. Throws `badInput` when there is no such pending review.
    public func decide(_ decision: ReviewDecision, now: Timestamp) throws(OptOutError) -> ReviewDecisionOutcome {
        if decision.verdict == .dismiss, (decision.reason ?? "").isEmpty {
            throw OptOutError(.usage, "dismissing a review needs a reason")
        }
        return try write { transaction in
            let pending = try transaction.pendingReviews(scope: decision.scope)
            let found: PendingReview?
            switch decision.selector {
            case .event(let id): found = pending.first { $0.event.id == id }
            case .number(let number): found = pending.first { $0.event.number.matchKey == number.matchKey }
            }
            guard let review = found else {
                throw OptOutError(.badInput, "no pending review \(Self.describe(decision.selector)) in scope \(decision.scope)")
            }
            let close = NewEvent(
                scope: decision.scope, number: review.event.number,
                action: decision.verdict == .accept ? .reviewAccept : .reviewDismiss, source: .manual, at: now,
                actor: decision.actor, reason: decision.reason, messageID: review.event.messageID)
            var outcome = try transaction.record(close, recordedAt: now)
            var applied: RecordOutcome?
            if decision.verdict == .accept {
                let optOut = NewEvent(
                    scope: decision.scope, number: review.event.number, action: .optOut, source: .review,
                    at: review.event.at, actor: decision.actor, reason: decision.reason, messageID: review.event.messageID,
                    messageText: review.event.messageText, keyword: review.event.keyword)
                applied = try transaction.record(optOut, recordedAt: now)
                outcome = applied ?? outcome
            }
            return ReviewDecisionOutcome(review: review, applied: applied, statusAfter: outcome.statusAfter)
        }
    }

    private static func describe(_ selector: ReviewDecision.Selector) -> String {
        switch selector {
        case .event(let id): "with event id \(id)"
        case .number(let number): "for \(number.e164)"
        }
    }
}
