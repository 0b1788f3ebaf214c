/// A change a person makes by hand: block, record an opt-out received off-channel, or unblock.
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

        var action: Action {
            switch self {
            case .block: .block
            case .optOut: .optOut
            case .unblock: .unblock
            }
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
    /// Applies a manual change to every input in one transaction.
    ///
    /// When any input is invalid and `skipInvalid` is off, nothing changes and the report lists every
    /// invalid input; a dry run computes the same report and rolls back.
    public func apply(
        _ change: ManualChange, to inputs: [NumberInput], normalizer: PhoneNormalizer, recordedAt: Timestamp
    ) throws(OptOutError) -> ManualChangeReport {
        var report = ManualChangeReport()
        var valid: [(NumberInput, PhoneNumber)] = []
        for input in inputs {
            switch normalizer.normalize(input.text) {
            case .success(let number): valid.append((input, number))
            case .failure(let rejection): report.invalid.append(.init(input: input, rejection: rejection))
            }
        }
        if !report.invalid.isEmpty && !change.skipInvalid { return report }
        if case .unblock(liftsOptOut: true) = change.kind, (change.reason ?? "").isEmpty {
            throw OptOutError(.usage, "lifting a customer's opt-out needs a reason")
        }
        // A customer's opt-out received off-platform is what a customer said: it commits to the disk.
        try write(change.dryRun ? .rollback : .commit, durability: change.kind == .optOut ? .full : .normal) { transaction in
            for (input, number) in valid {
                let event = NewEvent(
                    scope: change.scope, number: number, action: change.kind.action, source: .manual,
                    at: change.at, actor: change.actor, reason: change.reason)
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
                report.lines.append(.init(input: input, number: number, outcome: outcome, liftedOptOut: lifted))
            }
        }
        report.committed = !change.dryRun
        return report
    }
}
