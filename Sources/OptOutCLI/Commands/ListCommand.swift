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
        let query = OptOutStore.EntryQuery(
            scope: try invocation.scope(), statuses: statuses, since: try invocation.time("since"),
            until: try invocation.time("until"), newestFirst: true, limit: try invocation.count("limit"))
        if let since = query.since, let until = query.until, until < since {
            throw OptOutError(.usage, "--until is before --since")
        }
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

/// Writes entries as a table for people, or CSV, JSON or JSON Lines with the stable field names.
struct EntryWriter {
    let format: String
    let output: OutputStream
    private var count = 0

    init(format: String, output: OutputStream) {
        self.format = format
        self.output = output
    }

    mutating func write(_ entry: Entry) {
        defer { count += 1 }
        switch format {
        case "table":
            if count == 0 { output.write(TableLayout.row(["NUMBER", "STATUS", "CHANGED (UTC)", "SOURCE", "ACTOR", "REASON"])) }
            output.write(
                TableLayout.row([
                    entry.number.e164, entry.status.rawValue, entry.changedAt.shortUTC, entry.statusSource?.rawValue ?? "",
                    entry.actor ?? "", entry.reason ?? "",
                ]))
        case "csv":
            if count == 0 { output.write(CSVLine.encode(Records.entryFields)) }
            output.write(CSVLine.encode(Records.fields(of: entry).map { Records.csvText($0.1) }))
        case "json":
            output.write(count == 0 ? "[" : ",\n")
            output.write(JSONValue.object(Records.fields(of: entry)).serialized)
        default:
            output.write(JSONValue.object(Records.fields(of: entry)).serialized + "\n")
        }
    }

    mutating func finish() {
        switch format {
        case "table" where count == 0: output.write("No entries.\n")
        case "csv" where count == 0: output.write(CSVLine.encode(Records.entryFields))
        case "json": output.write(count == 0 ? "[]\n" : "]\n")
        default: break
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

/// One CSV line with RFC 4180 quoting (temporary until the core CSV writer lands).
enum CSVLine {
    static func encode(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }
}
