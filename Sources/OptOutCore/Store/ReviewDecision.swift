/// A reviewer's decision (`optout review accept|dismiss|undo`).
public struct ReviewDecision: Sendable, Equatable {
    /// Which review: an event's id, or the person's number (their pending review, or their latest
    /// automatic opt-out for `undo`).
    public enum Selector: Sendable, Equatable {
        case event(Int64)
        /// A number or a user id: the person's review (or automatic opt-out), under any of their identifiers.
        case identifier(Identifier)
    }

    public enum Verdict: Sendable, Equatable {
        /// Record the proposed verdict (at the time of the message) and close the review.
        case accept
        /// Close the review without a change.
        case dismiss
        /// Undo an automatic opt-out of the fuzzy or intent layer of the last `undoWindow`.
        case undo
    }

    public var selector: Selector
    public var verdict: Verdict
    public var scope: String
    public var actor: String?
    /// Why; required to dismiss and to undo.
    public var reason: String?

    /// How long an automatic opt-out of the fuzzy or intent layers stays in `review --auto`, undoable.
    public static let undoWindow: Int64 = 14 * 24 * 60 * 60 * 1000

    /// The layers whose opt-outs take effect at once but stay undoable for `undoWindow`.
    public static let undoableLayers: [MatchLayer] = [.fuzzy, .intent]

    public init(selector: Selector, verdict: Verdict, scope: String, actor: String?, reason: String?) {
        self.selector = selector
        self.verdict = verdict
        self.scope = scope
        self.actor = actor
        self.reason = reason
    }
}

extension OptOutStore {
    /// Decides one review in one transaction; every decision is an event by the reviewer, source
    /// manual, naming the event it is about.
    /// - accept: `review-accept`, and the proposed verdict (opt-out or opt-in, source `review`) at the
    ///   time of the held message, so that a later word of the customer still wins;
    /// - dismiss: `review-dismiss`, nothing else changes;
    /// - undo: `review-undo` of an automatic opt-out (fuzzy or intent layer, within `undoWindow`) that
    ///   is still the number's consent: consent returns to what it was before it.
    /// Throws `badInput` when there is no such review or the opt-out cannot be undone.
    public func decide(_ decision: ReviewDecision, now: Timestamp) throws(OptOutError) -> ReviewDecisionOutcome {
        if decision.verdict != .accept, (decision.reason ?? "").isEmpty {
            throw OptOutError(.usage, "\(decision.verdict == .undo ? "undoing an opt-out" : "dismissing a review") needs a reason")
        }
        return try write { transaction in
            if decision.verdict == .undo { return try Self.undo(decision, now: now, in: transaction) }
            let selects = try Self.selects(decision, in: transaction)
            guard let review = try transaction.pendingReviews(scope: decision.scope).first(where: { selects($0.event) }) else {
                throw OptOutError(.badInput, "no pending review \(Self.describe(decision.selector)) in scope \(decision.scope)")
            }
            let close = NewEvent(
                scope: decision.scope, identifier: review.event.identifier,
                action: decision.verdict == .accept ? .reviewAccept : .reviewDismiss, source: .manual, at: now,
                actor: decision.actor, reason: decision.reason, messageID: review.event.messageID,
                targetEvent: review.event.id)
            var outcome = try transaction.record(close, recordedAt: now)
            var applied: RecordOutcome?
            if decision.verdict == .accept {
                let proposed = NewEvent(
                    scope: decision.scope, identifier: review.event.identifier,
                    action: review.proposed == .optIn ? .optIn : .optOut, source: .review,
                    at: review.event.at, actor: decision.actor, reason: decision.reason, messageID: review.event.messageID,
                    messageText: review.event.messageText, keyword: review.event.keyword, layer: review.event.layer,
                    rule: review.event.rule, targetEvent: review.event.id)
                applied = try transaction.record(proposed, recordedAt: now)
                outcome = applied ?? outcome
            }
            return ReviewDecisionOutcome(review: review, applied: applied, statusAfter: outcome.statusAfter)
        }
    }

    private static func undo(_ decision: ReviewDecision, now: Timestamp, in transaction: WriteTransaction)
        throws(OptOutError) -> ReviewDecisionOutcome
    {
        // A person's latest automatic opt-out (an id names one exactly).
        let selects = try Self.selects(decision, in: transaction)
        guard let optOut = try transaction.automaticOptOuts(scope: decision.scope, now: now).last(where: selects) else {
            throw OptOutError(
                .badInput,
                "no automatic opt-out \(describe(decision.selector)) in scope \(decision.scope) to undo: only opt-outs of the fuzzy and intent layers of the last 14 days, not undone yet, can be")
        }
        let history = try transaction.events(scope: decision.scope, matchKey: optOut.identifier.matchKey)
        guard let entry = try transaction.entry(scope: decision.scope, matchKey: optOut.identifier.matchKey),
              entry.consent.value == .optedOut, entry.consent.at == optOut.at, entry.consent.source == optOut.source,
              !history.contains(where: { $0.id > optOut.id && $0.applied && Self.changesConsent($0.action) })
        else {
            throw OptOutError(
                .badInput,
                "opt-out \(optOut.id) of \(optOut.identifier.text) is no longer the number's consent: something was recorded after it; not undone")
        }
        var undo = NewEvent(
            scope: decision.scope, identifier: optOut.identifier, action: .reviewUndo, source: .manual, at: now,
            actor: decision.actor, reason: decision.reason, messageID: optOut.messageID, targetEvent: optOut.id)
        undo.restoredConsent = consent(before: optOut.id, in: history)
        let outcome = try transaction.record(undo, recordedAt: now)
        return ReviewDecisionOutcome(review: PendingReview(event: optOut), applied: outcome, statusAfter: outcome.statusAfter)
    }

    /// Whether an event is the one `decision.selector` names: the event with that id, or any event
    /// under an identifier of the person (the one given, or one linked to it).
    private static func selects(_ decision: ReviewDecision, in transaction: ReadTransaction)
        throws(OptOutError) -> (Event) -> Bool
    {
        switch decision.selector {
        case .event(let id):
            return { $0.id == id }
        case .identifier(let identifier):
            let keys = Set(try transaction.subjectIdentifiers(scope: decision.scope, of: identifier).map(\.matchKey))
            return { keys.contains($0.identifier.matchKey) }
        }
    }

    private static func changesConsent(_ action: Action) -> Bool {
        [.optOut, .optIn, .liftOptOut, .reviewUndo].contains(action)
    }

    /// The consent a number had just before event `id`, replaying its applied events in log order
    /// with the consent rules of `WriteTransaction.record`.
    static func consent(before id: Int64, in history: [Event]) -> Consent? {
        var consent: Consent?
        var before: [Int64: Consent?] = [:]
        for event in history where event.id < id && event.applied {
            before[event.id] = consent
            switch event.action {
            case .optOut: consent = .optedOut
            case .optIn where event.source == .keyword || event.source == .button:
                if consent == .optedOut { consent = .optedIn }
            case .optIn where event.source == .import:
                if consent != .optedOut { consent = .optedIn }
            case .optIn: consent = .optedIn
            case .liftOptOut: if consent == .optedOut { consent = nil }
            case .reviewUndo: consent = event.targetEvent.flatMap { before[$0] } ?? consent
            default: break
            }
        }
        return consent
    }

    private static func describe(_ selector: ReviewDecision.Selector) -> String {
        switch selector {
        case .event(let id): "with event id \(id)"
        case .identifier(let identifier): "for \(identifier.text)"
        }
    }
}

extension ReadTransaction {
    /// The opt-outs of the fuzzy and intent layers recorded in the last `ReviewDecision.undoWindow`
    /// and not undone (`review --auto`), oldest first.
    public func automaticOptOuts(scope: String, now: Timestamp) throws(OptOutError) -> [Event] {
        var result: [Event] = []
        let layers = ReviewDecision.undoableLayers.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try forEachRow(
            """
            SELECT \(EventColumn.selectList(qualifiedBy: "e")) FROM events e INDEXED BY events_by_recorded
            WHERE e.scope = ? AND e.action = 'opt-out' AND e.applied = 1 AND e.layer IN (\(layers))
              AND e.recorded_at >= ?
              AND NOT EXISTS (SELECT 1 FROM events u WHERE u.scope = e.scope AND u.action = 'review-undo' AND u.target_event = e.id)
            ORDER BY e.at, e.id
            """, [.text(scope), .integer(now.milliseconds - ReviewDecision.undoWindow)]
        ) { row in result.append(try EventColumn.decode(row)) }
        return result
    }
}
