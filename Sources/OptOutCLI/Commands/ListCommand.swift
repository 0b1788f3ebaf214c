import OptOutCore

/// `optout list`: current entries, newest change first.
enum ListCommand: Command {
    static let spec = CommandSpec(
        name: "list",
        abstract: "List current entries, newest change first.",
        discussion: "By default every entry that is not active; --status active shows lifted ones too.",
        options: [
            OptionSpec(name: "status", valueName: "status", help: "Only this status (repeatable): blocked, opted-out, marketing-stopped, opted-in, active.", repeatable: true),
            OptionSpec(name: "since", valueName: "time", help: "Changed at or after this time (YYYY-MM-DD, ISO 8601, Unix seconds)."),
            OptionSpec(name: "until", valueName: "time", help: "Changed before this time."),
            OptionSpec(name: "limit", valueName: "n", help: "At most n entries."),
            OptionSpec(name: "format", valueName: "format", help: "table (default), csv, json or jsonl."),
        ])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let format = try invocation.choice("format", ["table", "csv", "json", "jsonl"], default: "table")
        var statuses = try invocation.statuses()
        if statuses.isEmpty { statuses = Set(Status.allCases.filter { $0 != .active }) }
        let (since, until) = try invocation.timeRange()
        let query = OptOutStore.EntryQuery(
            scope: try invocation.scope(), statuses: statuses, since: since, until: until, newestFirst: true,
            limit: try invocation.count("limit"))
        let store = try invocation.openStore(readOnlyAllowed: true)
        let output = invocation.output
        try store.read {
            var writer = EntryWriter(format: format, output: output)
            try store.forEachEntry(query) { writer.write($0) }
            writer.finish()
            if format == "table", let limit = query.limit {
                let total = try store.countEntries(query)
                if total > limit { output.write("… \(total - limit) more (raise --limit to see them)\n") }
            }
        }
        return 0
    }
}

/// Writes entries as a table for people, or through the core `RecordWriter`.
struct EntryWriter {
    let output: OutputStream
    private var records: RecordWriter?
    private var count = 0

    init(format: String, output: OutputStream) {
        self.output = output
        self.records = RecordFormat(rawValue: format).map {
            RecordWriter(format: $0, fields: Records.entryFields, sink: output.sink)
        }
    }

    mutating func write(_ entry: Entry) {
        defer { count += 1 }
        if records != nil {
            output.attempt { () throws(OptOutIOError) in try records?.write(Records.fields(of: entry)) }
            return
        }
        if count == 0 { output.write(TableLayout.row(["NUMBER", "STATUS", "CHANGED (UTC)", "SOURCE", "ACTOR", "REASON"])) }
        output.write(
            TableLayout.row([
                entry.number.e164, entry.status.rawValue, entry.changedAt.shortUTC, entry.statusSource?.rawValue ?? "",
                entry.actor ?? "", entry.reason ?? "",
            ]))
    }

    mutating func finish() {
        if records != nil {
            output.attempt { () throws(OptOutIOError) in try records?.finish() }
        } else if count == 0 {
            output.write("No entries.\n")
        }
    }
}

/// Fixed-width columns for tables people read.
enum TableLayout {
    static let widths = [17, 18, 17, 20, 12]

    static func row(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            let clean = String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
            if index < widths.count {
                line += clean + String(repeating: " ", count: max(1, widths[index] - clean.count))
            } else {
                line += clean
            }
        }
        while line.last == " " { line.removeLast() }
        return line + "\n"
    }
}
