import OptOutCore

/// `optout verify [--repair]`: check that the stored state follows from the event log.
enum VerifyCommand: Command {
    /// The word that names the command, known without building its spec.
    static let name = "verify"

    static let spec = CommandSpec(
        name: name,
        abstract: "Check the database: SQLite's integrity check, then the event log replayed and compared with the entries.",
        discussion: """
            Every difference is reported (scope, identifier, fact, stored, expected); exit 1 when there is any. \
            --repair rebuilds the entries and links from the log in one transaction, after a backup of the database \
            beside it. See Docs/reliability.md.
            """,
        options: [repair.spec])

    static let repair = Flag(name: "repair", help: "Rebuild the entries from the event log (after a backup beside the database).")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let repairs = invocation.flag(repair)
        let store = try invocation.openStore(repairs ? .update : .read)
        let (report, replayed, scratch) = try check(store, invocation)
        // The replay's files must stay until the repair has copied them.
        defer { withExtendedLifetime(scratch) {} }
        write(report, to: invocation.output)
        if report.isClean { return 0 }
        guard repairs else { return 1 }
        guard report.integrity.isEmpty else {
            invocation.context.warn("not repaired: SQLite's integrity check fails, which rebuilding the entries cannot fix; restore a backup")
            return 1
        }
        guard !report.differences.isEmpty else {
            invocation.context.warn("not repaired: the differences are in the log itself, which verify never rewrites")
            return 1
        }
        let backup = store.path + ".before-repair-" + DatabaseBackup.stamp(at: invocation.context.now())
        try DatabaseBackup.write(store, to: backup, mode: try invocation.fileMode())
        try Verification.repair(store, from: replayed)
        let (after, _, _) = try check(store, invocation)
        invocation.output.write(
            "repaired: \(report.differences.count) \(report.differences.count == 1 ? "difference" : "differences") fixed; the database before is \(backup)\n")
        return after.differences.isEmpty && after.integrity.isEmpty ? 0 : 1
    }

    /// `Verification.verify` of `store`, replaying into a scratch folder under `TMPDIR` that is removed
    /// when the returned folder is released: the replayed store, which `repair` copies, lives in it, so
    /// a caller that repairs keeps the folder until then. Progress shows on a terminal.
    static func check(
        _ store: OptOutStore, _ invocation: Invocation
    ) throws(OptOutError) -> (Verification.Report, OptOutStore, ScratchFolder) {
        let scratch = try ScratchFolder(environment: invocation.context.environment)
        let meter = ProgressMeter(invocation.context.standardError, unit: "events")
        defer { meter?.finish() }
        let (report, replayed) = try Verification.verify(
            store, scratchPath: scratch.path + "/replay.sqlite", progress: meter.map { meter in { meter.update($0, total: $1) } })
        return (report, replayed, scratch)
    }

    /// The report for people: one line per finding, then a summary line.
    static func write(_ report: Verification.Report, to output: OutputStream) {
        output.write(report.integrity.isEmpty ? "integrity: ok\n" : report.integrity.map { "integrity: \($0)\n" }.joined())
        for problem in report.eventProblems { output.write("log: \(problem)\n") }
        for difference in report.differences { output.write("difference: \(difference)\n") }
        var summary = "\(report.events) events replayed: "
        summary += report.isClean
            ? "the entries follow from the log"
            : "\(report.differences.count) \(report.differences.count == 1 ? "difference" : "differences"), \(report.eventProblems.count) log \(report.eventProblems.count == 1 ? "problem" : "problems")"
        if report.linksFromStoredState > 0 {
            summary += " (\(report.linksFromStoredState) links from before schema 7 replayed from the stored links)"
        }
        output.write(summary + "\n")
    }
}
