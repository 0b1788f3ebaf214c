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

    mutating func write(_ entry: Entry) {
        defer { count += 1 }
        if records != nil {
            output.attempt { () throws(OptOutIOError) in try records?.write(Records.fields(of: entry)) }
            return
        }
        if count == 0 { output.write(TableLayout.row(["NUMBER", "STATUS", "CHANGED (UTC)", "SOURCE", "ACTOR", "REASON"])) }
        var row = TableRow(into: &line)
        row.add(entry.identifier.text, to: &line)
        row.add(entry.status.rawValue, to: &line)
        row.add(entry.changedAt, to: &line)
        row.add(entry.statusSource?.rawValue ?? "", to: &line)
        row.add(entry.actor ?? "", to: &line)
        row.add(entry.reason ?? "", to: &line)
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
