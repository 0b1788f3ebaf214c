import OptOutCore

/// `optout export`: entries or events in a time range, or a resumable change feed, for cron jobs.
enum ExportCommand: Command {
    /// The word that names the command, known without building its spec.
    static let name = "export"

    static let spec = CommandSpec(
        name: name,
        abstract: "Export entries, or the event log, for other systems (CSV, JSON, JSON Lines).",
        discussion: """
            Entries (or, with --events, events) whose change time is in [--since, --until), oldest first, then by \
            number, so the same range always gives the same bytes. --output writes a whole file or nothing (mode 0600). \
            --events --cursor NAME exports exactly the events recorded since the last successful export with that \
            cursor, and moves the cursor only once the output is written: with --spool DIR each batch is a new file \
            NAME-FIRST-LAST.EXT the consumer deletes once read, and nothing is written when nothing is new; with \
            --output, a file still there from the last run is never replaced (73) unless --replace. See Docs/export.md.
            """,
        options: [
            events.spec, CommonOptions.since.spec, CommonOptions.until.spec, statuses.spec, allScopes.spec, format.spec,
            output.spec, cursor.spec, spool.spec, replace.spec, listCursors.spec,
        ])

    static let events = Flag(name: "events", help: "Export the event log instead of the current entries.")
    static let statuses = Option<Set<Status>>(
        name: "status", valueName: "status", help: "Entries only: only this status; repeatable (default: all).",
        repeatable: true, allowedValues: Status.allCases.map(\.rawValue), defaultValue: [],
        parse: CommonOptions.statuses.parse)
    static let allScopes = Flag(name: "all-scopes", help: "Every scope, not only --scope.")
    static let format = Option<RecordFormat>.choice("format", help: "The record format.", default: .csv)
    static let output = Option<String?>.text(
        "output", short: "o", valueName: "path", help: "Write to this file atomically instead of standard output.")
    static let cursor = Option<String?>.text(
        "cursor", valueName: "name", help: "With --events: only events recorded since the last export with this cursor.")
    static let spool = Option<String?>.text(
        "spool", valueName: "dir", help: "With --cursor: write each batch as a new file in this folder (nothing when nothing is new).")
    static let replace = Flag(
        name: "replace", help: "With --cursor and --output: replace the file even if the last batch is still in it.")
    static let listCursors = Flag(name: "list-cursors", help: "Show each cursor's position and how many events wait for it (as 'optout cursor list').")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        if invocation.flag(listCursors) { return try listCursors(invocation) }
        let (since, until) = try invocation.timeRange()
        let request = ExportRequest(
            subject: invocation.flag(events) ? .events : .entries, scope: try scopeSelection(invocation),
            statuses: try invocation.statuses(statuses), since: since,
            until: until, format: try invocation.value(format), cursor: try invocation.value(cursor))
        try Exporter.validate(request)
        // A cursor moves only when its whole batch was delivered.
        if request.cursor != nil { invocation.context.closedOutput = .fails }
        let outputPath = try invocation.value(output).flatMap { $0 == "-" ? nil : $0 }
        let spoolFolder = try invocation.value(spool)
        if spoolFolder != nil {
            guard let name = request.cursor else { throw OptOutError(.usage, "--spool goes with --cursor") }
            if invocation.isGiven(output) { throw OptOutError(.usage, "--spool writes its own files: give no --output") }
            try CursorCommand.checkFileSafe(name)
        }
        if invocation.flag(replace), request.cursor == nil || outputPath == nil {
            throw OptOutError(.usage, "--replace goes with --cursor and --output")
        }
        if let outputPath { try invocation.checkOutputs([("--output", outputPath)], inputs: []) }
        // A cursor is stored in the database, so only a cursor export needs to write it.
        let store = try invocation.openStore(request.cursor == nil ? .read : .update)
        if request.scope != nil { _ = try invocation.knownScope(in: store) }
        let now = invocation.context.now()

        // Progress on a terminal's standard error, unless the records go to that terminal too.
        let meter = outputPath != nil || spoolFolder != nil || !invocation.output.isTerminal
            ? ProgressMeter(invocation.context.standardError, unit: "records") : nil
        defer { meter?.finish() }
        let progress = meter.map { meter in { (done: Int, total: Int?) in meter.update(done, total: total) } }

        if let name = request.cursor, spoolFolder != nil || outputPath != nil {
            try exportBatch(
                invocation, request, cursor: name, store: store, now: now, spool: spoolFolder, output: outputPath, progress: progress)
            return 0
        }
        if let outputPath {
            let file = try invocation.openOutput(outputPath)
            defer { file.discard() }
            try Exporter.export(request, from: store, to: file.sink, now: now, progress: progress) { () throws(OptOutIOError) in
                try file.commit()
            }
            return 0
        }
        let standardOutput = invocation.output
        try Exporter.export(request, from: store, to: standardOutput.sink, now: now, progress: progress) { () throws(OptOutIOError) in
            try standardOutput.sink.flush()
        }
        return 0
    }

    /// A cursor run to a file: a new file in the spool for each batch (none when nothing is new), or the
    /// `--output` file, which is written only when there is something new and never replaces a file
    /// still holding the last batch unless `--replace`.
    private static func exportBatch(
        _ invocation: Invocation, _ request: ExportRequest, cursor name: String, store: OptOutStore, now: Timestamp,
        spool: String?, output: String?, progress: ((Int, Int?) -> Void)?
    ) throws(OptOutError) {
        var file: OutputFile?
        defer { file?.discard() }
        let replace = invocation.flag(replace)
        try Exporter.export(request, from: store, now: now, actor: invocation.actor()) { batch throws(OptOutError) in
            guard let batch, let first = batch.firstEventID, let last = batch.lastEventID else { return nil }
            let path: String
            if let spool {
                path = (spool.hasSuffix("/") ? spool : spool + "/") + "\(name)-\(first)-\(last).\(request.format.rawValue)"
            } else {
                path = output!
                let identity = FileIdentity.of(path)
                if case .inode = identity, !identity.isCharacterDevice, !replace {
                    throw OptOutError(
                        .cannotCreate,
                        "\(path) is still there from the last run (the consumer deletes it once read); the cursor '\(name)' stays at event \(batch.cursorAt) and \(batch.count == 1 ? "1 new event waits" : "\(batch.count) new events wait"): run again once it is read, use --spool DIR, or give --replace")
                }
            }
            let opened = try invocation.openOutput(path)
            file = opened
            return ExportOutput(sink: opened.sink, commit: { () throws(OptOutIOError) in try opened.commit() }, name: path, progress: progress)
        }
    }

    /// `--list-cursors`: a table, or records with `--format`.
    private static func listCursors(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.read)
        // A table unless a format is asked for (the export's own default, CSV, is for the export).
        let shown = invocation.isGiven(format) ? EntryWriter.Format(rawValue: try invocation.value(format).rawValue) ?? .csv : .table
        try CursorList.write(try Exporter.cursors(in: store), as: shown, to: invocation.output)
        return 0
    }

    /// `--all-scopes` (nil: every scope) or the one scope of `--scope`; both at once is a usage error.
    private static func scopeSelection(_ invocation: Invocation) throws(OptOutError) -> String? {
        guard invocation.flag(allScopes) else { return try invocation.scope() }
        if invocation.isGiven(CommonOptions.scope) {
            throw OptOutError(.usage, "--all-scopes and --scope cannot be used together")
        }
        return nil
    }
}
