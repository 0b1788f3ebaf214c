/// A change a person makes by hand: block, record an opt-out received off-channel, unblock, or record
/// express consent.
public struct ManualChange: Sendable {
    /// What the change does.
    public enum Kind: Sendable, Equatable {
        /// Block every category (`block`).
        case block
        /// Record a customer's opt-out received by phone, e-mail or in person (`block --opt-out`).
        case optOut
        /// Lift a staff block (`unblock`); with `liftsOptOut`, also a customer's opt-out
        /// (`--lift-opt-out`, which needs a reason). Never a WhatsApp marketing stop.
        case unblock(liftsOptOut: Bool)
        /// Record express consent (`opt-in`) given through `source` (web form, paper, verbal, import).
        /// Refused for a number that opted out, unless `afterOptOut` says the customer asked again
        /// after opting out (the reason then holds the evidence).
        case optIn(source: Source, afterOptOut: Bool)

        var action: Action {
            switch self {
            case .block: .block
            case .optOut: .optOut
            case .unblock: .unblock
            case .optIn: .optIn
            }
        }

        /// The source of the events: staff changes are `manual`; consent keeps where it was given.
        var source: Source {
            if case .optIn(let source, _) = self { return source }
            return .manual
        }
    }

    public var kind: Kind
    public var scope: String
    public var actor: String?
    public var reason: String?
    /// Report what would change and change nothing.
    public var dryRun: Bool
    /// Apply the valid numbers even when some are invalid.
    public var skipInvalid: Bool
    /// The event time (now, for people at a shell).
    public var at: Timestamp

    public init(
        kind: Kind, scope: String, actor: String?, reason: String?, dryRun: Bool = false,
        skipInvalid: Bool = false, at: Timestamp
    ) {
        self.kind = kind
        self.scope = scope
        self.actor = actor
        self.reason = reason
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
        self.at = at
    }
}

extension OptOutStore {
    /// Applies a manual change to every input in one transaction, reading the inputs one at a time,
    /// so that memory stays flat however many there are.
    ///
    /// When any input is invalid and `skipInvalid` is off, nothing changes and the report lists every
    /// invalid input (once one is found, the rest are only checked); a dry run computes the same report
    /// and rolls back. `line` is told what happened to each valid number, inside the transaction:
    /// whether it was kept is `committed` in the report. `progress`, when given, is told how many inputs
    /// are done, every 1,000, and at most how many there are.
    public func apply(
        _ change: ManualChange, to inputs: NumberSource, normalizer: PhoneNormalizer, recordedAt: Timestamp,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil, line: (ManualChangeReport.Line) -> Void = { _ in }
    ) throws(OptOutError) -> ManualChangeReport {
        if case .unblock(liftsOptOut: true) = change.kind, (change.reason ?? "").isEmpty {
            throw OptOutError(.usage, "lifting a customer's opt-out needs a reason")
        }
        if case .optIn(_, afterOptOut: true) = change.kind, (change.reason ?? "").isEmpty {
            throw OptOutError(.usage, "consent after an opt-out needs the evidence that the customer asked again")
        }
        let total = inputs.estimatedCount
        if total > 1000 { tuneForBulkWrites() }
        var report = ManualChangeReport()
        // What a customer said (an opt-out received off-platform, consent) commits to the disk.
        let durability: Durability = change.kind == .optOut || change.kind.action == .optIn ? .full : .normal
        let committed = try write(durability: durability) { transaction -> (Bool, Database.TransactionEnd) in
            try inputs.forEach { input in
                if report.inputs % 1000 == 0 { progress?(report.inputs, total) }
                report.inputs += 1
                var rowTime: Timestamp?
                if let text = input.timeText {
                    guard let parsed = Timestamp(parsing: text) else {
                        report.invalid.append(.init(input: input, problem: .time(text)))
                        return
                    }
                    rowTime = parsed
                }
                let identifier: Identifier
                switch normalizer.identifier(input.text) {
                case .success(let valid): identifier = valid
                case .failure(let rejection):
                    report.invalid.append(.init(input: input, problem: .number(rejection)))
                    return
                }
                // Nothing will be kept once an input is invalid (unless skipped): the rest are only checked.
                if !report.invalid.isEmpty && !change.skipInvalid { return }
                if case .optIn(_, afterOptOut: false) = change.kind,
                    let consent = try transaction.entry(scope: change.scope, matchKey: identifier.matchKey)?.consent,
                    consent.value == .optedOut
                {
                    report.refused.append(.init(input: input, identifier: identifier, optOut: consent))
                    return
                }
                // A row with its own time is a record moved in from another tool: an import (for staff
                // kinds), at that time, which never lowers a suppression.
                let source = rowTime != nil && change.kind.source == .manual ? Source.import : change.kind.source
                let event = NewEvent(
                    scope: change.scope, identifier: identifier, action: change.kind.action, source: source,
                    at: rowTime ?? change.at, actor: change.actor, reason: change.reason)
                var outcome = try transaction.record(event, recordedAt: recordedAt)
                var lifted: FactRecord<Consent?>?
                if case .unblock(liftsOptOut: true) = change.kind {
                    var lift = event
                    lift.action = .liftOptOut
                    let before = outcome.after ?? outcome.before
                    let liftOutcome = try transaction.record(lift, recordedAt: recordedAt)
                    if liftOutcome.changed {
                        lifted = before?.consent
                        outcome.after = liftOutcome.after
                    }
                }
                line(.init(input: input, identifier: identifier, outcome: outcome, liftedOptOut: lifted))
            }
            // All or nothing: an invalid input or a refused number keeps every other one unchanged too,
            // unless skipped.
            let keep = !change.dryRun && ((report.invalid.isEmpty && report.refused.isEmpty) || change.skipInvalid)
            return (keep, keep ? .commit : .rollback)
        }
        report.committed = committed
        return report
    }
}
