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
            let line = "\(invalid.input.origin): '\(invalid.input.shown)': \(ErrorText.rejection(invalid.rejection))"
            if change.skipInvalid { context.warn(line) } else { context.error(line) }
        }
        if !report.invalid.isEmpty && !change.skipInvalid {
            context.error(
                "\(report.invalid.count) invalid number\(report.invalid.count == 1 ? "" : "s"); nothing was changed (use --skip-invalid to apply the rest)")
            return 65
        }
        for line in report.lines {
            invocation.output.write("\(line.number.e164)\t\(describe(line, kind: kind, dryRun: change.dryRun))\n")
        }
        return 0
    }

    /// `blocked`, `already blocked`, `would be blocked`; for unblock also what remains:
    /// `unblocked; still opted-out (keyword, 2026-03-01T09:30:00Z): lift it with --lift-opt-out --reason`.
    static func describe(_ line: ManualChangeReport.Line, kind: ManualChange.Kind, dryRun: Bool) -> String {
        let outcome = line.outcome
        switch kind {
        case .block, .optOut:
            let done = kind == .block ? "blocked" : "opted-out"
            if outcome.changed { return dryRun ? "would be \(done)" : done }
            return "already \(outcome.statusAfter.rawValue)"
        case .unblock:
            var parts: [String] = []
            if outcome.changed {
                parts.append(dryRun ? "would be unblocked" : "unblocked")
            } else if line.liftedOptOut == nil {
                parts.append("not blocked")
            }
            if line.liftedOptOut != nil { parts.append(dryRun ? "would lift the opt-out" : "opt-out lifted") }
            let after = outcome.after
            if let consent = after?.consent, consent.value == .optedOut {
                let how = [consent.source?.rawValue, consent.at?.iso8601].compactMap { $0 }.joined(separator: ", ")
                parts.append("still opted-out\(how.isEmpty ? "" : " (\(how))"): lift it with --lift-opt-out --reason")
            }
            if after?.marketingStopped.value == true {
                parts.append("still marketing-stopped: only the customer's WhatsApp resume lifts it")
            }
            return parts.joined(separator: "; ")
        }
    }
}
