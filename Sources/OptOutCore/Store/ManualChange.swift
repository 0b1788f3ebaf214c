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
    /// Applies a manual change to every input in one transaction, reading the inputs in batches
    /// (`PendingInputs`: up to 1M numbers, 16 bytes each), so that memory stays flat however many
    /// there are.
    ///
    /// When any input is invalid and `skipInvalid` is off, nothing changes and `invalid` is told of every
    /// invalid input, in input order, as it is read (once one is found, the rest are only checked); a
    /// dry run computes the same report and rolls back. `line` is told what happened to each valid
    /// number as it is applied, inside the transaction (`Line.position` says where the number came in
    /// the input): whether it was kept is `committed` in the report. `refused` is told of each refused
    /// number, in input order, once its batch is applied. The report counts them: nothing grows with
    /// the file. `progress`, when given, is told how many inputs are done, every 1,000, and at most how
    /// many there are.
    ///
    /// A bulk change (more than `ManualChange.bulkThreshold` inputs, in a database that links no
    /// identifiers) records each batch in match-key order, and writes its rows a table at a time
    /// (`WriteTransaction.deferringRecords(in:_:)`): the indexes keyed on the identifier then
    /// grow page by page instead of at random, which the page cache cannot hold for a big list. Each
    /// number's outcome is the same as in input order (numbers of one key keep their order; numbers of
    /// different keys meet only through links, and then the input order is kept); only the ids of the
    /// events of one batch, and the order `line` hears of them, follow the numbers rather than the file.
    public func apply(
        _ change: ManualChange, to inputs: NumberSource, normalizer: PhoneNormalizer, recordedAt: Timestamp,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil, invalid: (ManualChangeReport.Invalid) -> Void = { _ in },
        refused: (ManualChangeReport.Refused) -> Void = { _ in }, line: (ManualChangeReport.Line) -> Void = { _ in }
    ) throws(OptOutError) -> ManualChangeReport {
        if case .unblock(liftsOptOut: true) = change.kind, (change.reason ?? "").isEmpty {
            throw OptOutError(.usage, "lifting a customer's opt-out needs a reason")
        }
        if case .optIn(_, afterOptOut: true) = change.kind, (change.reason ?? "").isEmpty {
            throw OptOutError(.usage, "consent after an opt-out needs the evidence that the customer asked again")
        }
        let total = inputs.estimatedCount
        let bulk = total > ManualChange.bulkThreshold
        if bulk { tuneForBulkWrites() }
        var report = ManualChangeReport()
        // What a customer said (an opt-out received off-platform, consent) commits to the disk.
        let durability: Durability = change.kind == .optOut || change.kind.action == .optIn ? .full : .normal
        let committed = try write(durability: durability) { transaction -> (Bool, Database.TransactionEnd) in
            var batch = PendingInputs(reservingFor: total)
            var done = 0
            func applyBatch() throws {
                defer { batch.removeAll() }
                // Nothing will be kept once an input is invalid (unless skipped): the rest are only checked.
                guard report.invalid == 0 || change.skipInvalid else { return }
                let inKeyOrder = try bulk && !transaction.linksExist()
                // Refused numbers are found in key order and told in input order: only their positions
                // are held, and their opt-outs read again (they are unchanged: nothing was recorded).
                var refusedPositions: [Int] = []
                func applyInOrder() throws {
                    try batch.forEach(inKeyOrder: inKeyOrder) { pending in
                        if done % 1000 == 0 { progress?(done, total) }
                        done += 1
                        if let applied = try transaction.apply(change, to: pending, recordedAt: recordedAt) {
                            line(applied)
                        } else {
                            refusedPositions.append(pending.position)
                        }
                    }
                }
                if inKeyOrder {
                    try transaction.deferringRecords(in: change.scope, keys: batch.keySpan) { try applyInOrder() }
                } else {
                    try applyInOrder()
                }
                guard !refusedPositions.isEmpty else { return }
                report.refused += refusedPositions.count
                refusedPositions.sort()
                var next = 0
                try batch.forEach(inKeyOrder: false) { pending in
                    guard next < refusedPositions.count, refusedPositions[next] == pending.position else { return }
                    next += 1
                    guard let optOut = try transaction.optOutRefusing(change, pending) else {
                        throw OptOutError(.internal, "a refused number's opt-out could not be read again")
                    }
                    refused(.init(place: pending.place, identifier: pending.identifier, optOut: optOut))
                }
            }
            // Counted and told as found: nothing of an invalid input is held.
            func reject(_ input: NumberInput, _ problem: ManualChangeReport.Invalid.Problem) {
                report.invalid += 1
                if case .time = problem { report.invalidTimes += 1 }
                invalid(.init(input: input, problem: problem))
            }
            try inputs.forEach { input in
                report.inputs += 1
                var rowTime: Timestamp?
                if let text = input.timeText {
                    guard let parsed = Timestamp(parsing: text) else { return reject(input, .time(text)) }
                    rowTime = parsed
                }
                switch normalizer.identifier(input.text) {
                case .success(let identifier):
                    batch.append(
                        ManualChange.Pending(place: input.place, position: report.inputs - 1, identifier: identifier, rowTime: rowTime))
                    if batch.isFull { try applyBatch() }
                case .failure(let rejection):
                    reject(input, .number(rejection))
                }
            }
            try applyBatch()
            // All or nothing: an invalid input or a refused number keeps every other one unchanged too,
            // unless skipped.
            let keep = !change.dryRun && ((report.invalid == 0 && report.refused == 0) || change.skipInvalid)
            return (keep, keep ? .commit : .rollback)
        }
        report.committed = committed
        return report
    }
}

extension ManualChange {
    /// How many inputs make a bulk change, applied in match-key order within each batch.
    static let bulkThreshold = 1000
    /// A valid input waiting in its batch.
    struct Pending {
        var place: NumberInput.Place
        /// Where the input came among all the inputs, from 0.
        var position: Int
        var identifier: Identifier
        /// The row's own time (`--at-column`), if any.
        var rowTime: Timestamp?
    }
}

extension WriteTransaction {
    /// The opt-out on record that refuses `change` for `pending`: consent is not recorded over an
    /// opt-out unless the customer asked again (`afterOptOut`).
    fileprivate func optOutRefusing(_ change: ManualChange, _ pending: ManualChange.Pending) throws(OptOutError)
        -> FactRecord<Consent?>?
    {
        guard case .optIn(_, afterOptOut: false) = change.kind,
            let consent = try entry(scope: change.scope, matchKey: pending.identifier.matchKey)?.consent,
            consent.value == .optedOut
        else { return nil }
        return consent
    }

    /// Records `change` for one valid input: what happened to it, or nil when it is refused
    /// (`optOutRefusing`).
    fileprivate func apply(_ change: ManualChange, to pending: ManualChange.Pending, recordedAt: Timestamp) throws(OptOutError)
        -> ManualChangeReport.Line?
    {
        let identifier = pending.identifier
        if try optOutRefusing(change, pending) != nil { return nil }
        // A row with its own time is a record moved in from another tool: an import (for staff
        // kinds), at that time, which never lowers a suppression.
        let source = pending.rowTime != nil && change.kind.source == .manual ? Source.import : change.kind.source
        let event = NewEvent(
            scope: change.scope, identifier: identifier, action: change.kind.action, source: source,
            at: pending.rowTime ?? change.at, actor: change.actor, reason: change.reason)
        var outcome = try record(event, recordedAt: recordedAt)
        var lifted: FactRecord<Consent?>?
        if case .unblock(liftsOptOut: true) = change.kind {
            var lift = event
            lift.action = .liftOptOut
            let before = outcome.after ?? outcome.before
            let liftOutcome = try record(lift, recordedAt: recordedAt)
            if liftOutcome.changed {
                lifted = before?.consent
                outcome.after = liftOutcome.after
            }
        }
        return .init(position: pending.position, identifier: identifier, outcome: outcome, liftedOptOut: lifted)
    }
}
