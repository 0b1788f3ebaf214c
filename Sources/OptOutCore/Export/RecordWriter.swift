/// A machine-readable output format for entries and events.
public enum RecordFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header line (written even when there are no rows).
    case csv
    /// One JSON array.
    case json
    /// JSON Lines: one object a line.
    case jsonl
}

/// Streams records (ordered key–value pairs with fixed keys) as CSV, JSON or JSON Lines.
///
/// One writer serves `list`, `show` and `export`, so the same entry looks the same everywhere.
public struct RecordWriter {
    public let format: RecordFormat
    /// The keys every record has, in order: the CSV header.
    public let fields: [String]
    private var csv: CSVWriter
    private let sink: ByteSink
    private var count = 0

    public init(format: RecordFormat, fields: [String], sink: ByteSink) {
        self.format = format
        self.fields = fields
        self.sink = sink
        self.csv = CSVWriter(sink: sink)
    }

    /// Writes one record; its keys must be `fields`.
    public mutating func write(_ record: [(String, JSONValue)]) throws(OptOutIOError) {
        defer { count += 1 }
        switch format {
        case .csv:
            if count == 0 { try csv.writeRecord(fields) }
            for (_, value) in record { try csv.writeField(Records.csvText(value)) }
            try csv.endRecord()
        case .json:
            try sink.write(count == 0 ? "[" : ",\n")
            try sink.write(JSONValue.object(record).serialized)
        case .jsonl:
            try sink.write(JSONValue.object(record).serialized + "\n")
        }
    }

    /// Ends the output: the header of an empty CSV, the closing bracket of a JSON array.
    public mutating func finish() throws(OptOutIOError) {
        switch format {
        case .csv where count == 0: try csv.writeRecord(fields)
        case .json: try sink.write(count == 0 ? "[]\n" : "]\n")
        default: break
        }
    }
}
