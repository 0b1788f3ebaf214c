import OptOutCore

/// `optout export`: entries or events in a time range, or a resumable change feed, for cron jobs.
enum ExportCommand: Command {
    static let spec = CommandSpec(
        name: "export",
        abstract: "Export entries, or the event log, for other systems (CSV, JSON, JSON Lines).",
        discussion: """
            Entries (or, with --events, events) whose change time is in [--since, --until), oldest first, then by \
            number, so the same range always gives the same bytes. --output writes a whole file or nothing (mode 0600). \
            --events --cursor NAME exports exactly the events recorded since the last successful export with that \
            cursor, and moves the cursor only once the output is written. See Docs/export.md.
            """,
        options: [
            OptionSpec(name: "events", help: "Export the event log instead of the current entries."),
            OptionSpec(name: "since", valueName: "time", help: "Changed at or after this time (YYYY-MM-DD, ISO 8601 with Z or an offset, Unix seconds)."),
            OptionSpec(name: "until", valueName: "time", help: "Changed before this time."),
            OptionSpec(
                name: "status", valueName: "status",
                help: "Entries only: only this status (repeatable): blocked, opted-out, marketing-stopped, opted-in, active (default: all).",
                repeatable: true),
            OptionSpec(name: "all-scopes", help: "Every scope, not only --scope."),
            OptionSpec(name: "format", valueName: "format", help: "csv (default), json or jsonl."),
            OptionSpec(name: "output", short: "o", valueName: "path", help: "Write to this file atomically instead of standard output."),
            OptionSpec(name: "cursor", valueName: "name", help: "With --events: only events recorded since the last export with this cursor."),
            OptionSpec(name: "list-cursors", help: "Show each cursor's position and how many events wait for it."),
        ])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        if invocation.flag("list-cursors") { return try listCursors(invocation) }
        let formatName = try invocation.choice("format", RecordFormat.allCases.map(\.rawValue), default: "csv")
        let (since, until) = try invocation.timeRange()
        let request = ExportRequest(
            subject: invocation.flag("events") ? .events : .entries, scope: try invocation.scopeSelection(),
            statuses: try invocation.statuses(), since: since, until: until,
            format: RecordFormat(rawValue: formatName) ?? .csv, cursor: invocation.arguments.value("cursor"))
        try Exporter.validate(request)
        // A cursor is stored in the database, so only a cursor export needs to write it.
        let store = try invocation.openStore(readOnlyAllowed: request.cursor == nil)
        let now = invocation.context.now()

        if let path = invocation.arguments.value("output"), path != "-" {
            let file: AtomicFile
            do { file = try AtomicFile(path: path) } catch { throw OptOutError(error) }
            defer { file.discard() }
            try Exporter.export(request, from: store, to: file.sink, now: now) { () throws(OptOutIOError) in
                try file.commit()
            }
            return 0
        }
        let output = invocation.output
        do {
            try Exporter.export(request, from: store, to: output.sink, now: now) { () throws(OptOutIOError) in
                try output.sink.flush()
            }
        } catch where error.kind == .io {
            // A write to standard output failed: the dispatcher reports it once (quietly for a closed pipe).
            output.flush()
            if output.failure != nil { return 74 }
            throw error
        }
        return 0
    }

    /// `--list-cursors`: a table, or records with `--format`.
    private static func listCursors(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(readOnlyAllowed: true)
        let cursors = try Exporter.cursors(in: store)
        let output = invocation.output
        if invocation.arguments.value("format") != nil {
            let name = try invocation.choice("format", RecordFormat.allCases.map(\.rawValue), default: "csv")
            var writer = RecordWriter(format: RecordFormat(rawValue: name) ?? .csv, fields: Exporter.cursorFields, sink: output.sink)
            for cursor in cursors {
                output.attempt { () throws(OptOutIOError) in try writer.write(Exporter.fields(of: cursor)) }
            }
            output.attempt { () throws(OptOutIOError) in try writer.finish() }
            return 0
        }
        guard !cursors.isEmpty else {
            output.write("No cursors.\n")
            return 0
        }
        output.write(TableLayout.row(["CURSOR", "LAST EVENT", "PENDING", "UPDATED (UTC)"]))
        for cursor in cursors {
            output.write(
                TableLayout.row([
                    cursor.name, String(cursor.lastEventID), String(cursor.pendingEvents),
                    cursor.updatedAt?.shortUTC ?? "",
                ]))
        }
        return 0
    }
}
