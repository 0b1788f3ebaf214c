import OptOutCore

/// Writes entries as a table for people, or through the core `RecordWriter`.
struct EntryWriter {
    /// A table, or one of the record formats.
    enum Format: String, CaseIterable, Sendable {
        case table, csv, json, jsonl
    }

    let output: OutputStream
    private var records: RecordWriter?
    private var count = 0
    /// The table row being written, reused.
    private var line: [UInt8] = []

    init(format: Format, output: OutputStream) {
        self.output = output
        self.records = RecordFormat(rawValue: format.rawValue).map {
            RecordWriter(format: $0, fields: Records.entryFields, sink: output.sink)
        }
    }

    /// Whether entries are written as a table (`write(_:)` of summaries) rather than as records.
    var isTable: Bool { records == nil }

    /// Writes one entry as a record (csv, json, jsonl).
    mutating func write(_ entry: Entry) {
        precondition(records != nil, "a table is written from summaries")
        defer { count += 1 }
        output.attempt { () throws(OptOutIOError) in try records?.write(Records.fields(of: entry)) }
    }

    /// Writes one row of the table, from the stored bytes of the entry's row.
    mutating func write(_ entry: EntrySummary) {
        precondition(records == nil, "records are written from entries")
        defer { count += 1 }
        if count == 0 { output.write(TableLayout.row(["NUMBER", "STATUS", "CHANGED (UTC)", "SOURCE", "ACTOR", "REASON"])) }
        var row = TableRow(into: &line)
        row.add(entry.identifier, to: &line)
        row.add(entry.status, to: &line)
        row.add(entry.changedAt, to: &line)
        row.add(entry.statusSource, to: &line)
        row.add(entry.actor, to: &line)
        row.add(entry.reason, to: &line)
        row.end(&line)
        line.withUnsafeBytes { output.write($0) }
    }

    mutating func finish() {
        if records != nil {
            output.attempt { () throws(OptOutIOError) in try records?.finish() }
        } else if count == 0 {
            output.write("No entries.\n")
        }
    }
}
