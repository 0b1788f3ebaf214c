import OptOutCore

/// What `block` and `unblock` share: read the numbers, apply the change, report each line.
enum ManualChangeRunner {
    /// The options `block` and `unblock` share, after `--file` and their own.
    static let options =
        [CommonOptions.reason.spec, CommonOptions.dryRun.spec, CommonOptions.skipInvalid.spec, CommonOptions.verbose.spec]
        + CommonOptions.numberReading

    static func run(
        _ invocation: Invocation, kind: ManualChange.Kind, at: Timestamp? = nil, reason: String? = nil
    ) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.write)
        let inputs = try NumberInputs.source(invocation, timeColumn: try invocation.value(CommonOptions.atColumn))
        let now = invocation.context.now()
        var reason = reason
        if reason == nil { reason = try invocation.value(CommonOptions.reason) }
        let change = ManualChange(
            kind: kind, scope: try invocation.scope(), actor: invocation.actor(),
            reason: reason, dryRun: invocation.flag(CommonOptions.dryRun),
            skipInvalid: invocation.flag(CommonOptions.skipInvalid), at: at ?? now)
        let meter = ProgressMeter(invocation.context.standardError, unit: "numbers")
        // A person who typed the numbers sees each; a file of 50,000 gets one line of totals, and each
        // number only with --verbose: only then are the lines kept until the change is committed.
        let fromFile = invocation.isGiven(CommonOptions.numbersFile)
        let eachLine = !fromFile || invocation.flag(CommonOptions.verbose)
        var lines: [(position: Int, text: String)] = []
        var totals = OutcomeTotals()
        let context = invocation.context
        // Invalid and refused inputs are told as they are found, so that a file of a million bad lines
        // holds none of them; the meter's line is cleared first.
        func tell(_ line: String) {
            meter?.finish()
            if change.skipInvalid { context.warn(line) } else { context.error(line) }
        }
        let report = try store.apply(
            change, to: inputs, normalizer: try invocation.normalizer(store: store), recordedAt: now,
            progress: meter.map { meter in { meter.update($0, total: $1) } },
            invalid: { invalid in
                switch invalid.problem {
                case .number(let rejection): tell("\(invalid.input.origin): '\(invalid.input.shown)': \(ErrorText.rejection(rejection))")
                case .time(let text):
                    tell(
                        "\(invalid.input.origin): time '\(NumberInput.shown(text))' in --at-column is not a time "
                            + "(YYYY-MM-DD, ISO 8601 with Z or an offset, or Unix seconds)")
                }
            },
            refused: { refused in
                let how = [refused.optOut.source?.rawValue, refused.optOut.at?.iso8601].compactMap { $0 }.joined(separator: ", ")
                tell(
                    "\(refused.origin): \(refused.identifier.text) opted out (\(how)); consent is not recorded over an opt-out "
                        + "unless the customer asked again: give --after-opt-out --evidence TEXT")
            }
        ) { line in
            let outcome = describe(line, kind: kind, dryRun: change.dryRun)
            totals.add(outcome, position: line.position)
            if eachLine { lines.append((line.position, "\(line.identifier.text)\t\(outcome)\n")) }
        }
        meter?.finish()
        try NumberInputs.checkNotEmpty(invocation, count: report.inputs)
        if report.invalid > 0 && !change.skipInvalid {
            let what = report.invalidTimes == 0 ? "invalid number" : "invalid row"
            context.error(
                "\(report.invalid) \(what)\(report.invalid == 1 ? "" : "s"); nothing was changed (use --skip-invalid to apply the rest)")
            return 65
        }
        if report.refused > 0 && !change.skipInvalid {
            context.error(
                "\(report.refused) number\(report.refused == 1 ? "" : "s") opted out; nothing was changed (use --skip-invalid to record the rest)")
            return 65
        }
        // A bulk change applies its numbers in match-key order: each is reported where it came.
        for line in lines.sorted(by: { $0.position < $1.position }) { invocation.output.write(line.text) }
        if fromFile {
            let skipped = change.skipInvalid ? report.invalid + report.refused : 0
            invocation.output.write(totals.line(skipped: skipped) + "\n")
        }
        return 0
    }

    /// `50000 numbers: 49990 blocked, 10 already blocked`: how many numbers had each outcome, in the
    /// order the outcomes first came in the input, and how many were skipped as invalid.
    struct OutcomeTotals {
        /// Each outcome's count and the position of the first input that had it.
        private var outcomes: [String: (count: Int, first: Int)] = [:]
        private var count = 0

        /// Counts one input's outcome, with one look-up of it.
        mutating func add(_ outcome: String, position: Int) {
            Self.count(position, into: &outcomes[outcome, default: (0, position)])
            count += 1
        }

        private static func count(_ position: Int, into seen: inout (count: Int, first: Int)) {
            seen.count += 1
            seen.first = min(seen.first, position)
        }

        func line(skipped: Int) -> String {
            var parts = outcomes.sorted { $0.value.first < $1.value.first }.map { "\($0.value.count) \($0.key)" }
            if skipped > 0 { parts.append("\(skipped) skipped") }
            let total = count + skipped
            return "\(total) \(total == 1 ? "number" : "numbers"): " + (parts.isEmpty ? "nothing to do" : parts.joined(separator: ", "))
        }
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
        case .optIn(let source, _):
            if outcome.changed { return dryRun ? "would be opted-in" : "opted-in" }
            if outcome.stale { return "not recorded: a later change of consent is on record" }
            if source == .import, outcome.after?.consent.value == .optedOut {
                return "not recorded: still opted-out (an import never lifts an opt-out)"
            }
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
