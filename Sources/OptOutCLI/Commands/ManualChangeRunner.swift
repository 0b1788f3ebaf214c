import OptOutCore

/// What `block` and `unblock` share: read the numbers, apply the change, report each line.
enum ManualChangeRunner {
    /// The options `block` and `unblock` share, after `--file` and their own.
    static let options =
        [CommonOptions.reason.spec, CommonOptions.dryRun.spec, CommonOptions.skipInvalid.spec] + CommonOptions.numberReading

    static func run(_ invocation: Invocation, kind: ManualChange.Kind) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.write)
        let inputs = try NumberInputs.read(invocation)
        if inputs.isEmpty { throw OptOutError(.usage, "give at least one <number> or --file") }
        let now = invocation.context.now()
        let change = ManualChange(
            kind: kind, scope: try invocation.scope(), actor: invocation.actor(),
            reason: try invocation.value(CommonOptions.reason), dryRun: invocation.flag(CommonOptions.dryRun),
            skipInvalid: invocation.flag(CommonOptions.skipInvalid), at: now)
        let report = try store.apply(change, to: inputs, normalizer: try invocation.normalizer(store: store), recordedAt: now)
        let context = invocation.context
        for invalid in report.invalid {
            let severity = change.skipInvalid ? "warning" : "error"
            context.standardError.write("optout: \(severity): \(invalid.input.origin): '\(invalid.input.shown)': \(ErrorText.rejection(invalid.rejection))\n")
        }
        if !report.invalid.isEmpty && !change.skipInvalid {
            context.standardError.write(
                "optout: error: \(report.invalid.count) invalid number\(report.invalid.count == 1 ? "" : "s"); nothing was changed (use --skip-invalid to apply the rest)\n")
            return 65
        }
        for line in report.lines {
            invocation.output.write("\(line.number.e164)\t\(describe(line.outcome, kind: kind, dryRun: change.dryRun))\n")
            if let lifted = line.liftedOptOut {
                let when = lifted.at.map { " on \($0.iso8601)" } ?? ""
                let how = lifted.source.map { " (\($0.rawValue))" } ?? ""
                context.warn(
                    "\(line.number.e164) had opted out\(when)\(how); unblock \(change.dryRun ? "would lift" : "lifted") that opt-out too")
            }
            if kind == .unblock, line.outcome.after?.marketingStopped.value == true {
                context.warn("\(line.number.e164) stays marketing-stopped: only the customer's WhatsApp resume lifts that")
            }
        }
        return 0
    }

    /// `blocked`, `already blocked`, `would be blocked` …
    static func describe(_ outcome: RecordOutcome, kind: ManualChange.Kind, dryRun: Bool) -> String {
        let done: String
        switch kind {
        case .block: done = "blocked"
        case .optOut: done = "opted-out"
        case .unblock: done = "unblocked"
        }
        if outcome.changed { return dryRun ? "would be \(done)" : done }
        if outcome.stale { return "unchanged: a newer change is on record" }
        switch kind {
        case .block, .optOut: return "already \(outcome.statusAfter.rawValue)"
        case .unblock: return "not blocked or opted out (\(outcome.statusAfter.rawValue))"
        }
    }
}
