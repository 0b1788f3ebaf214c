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
    /// Per field, the JSON text before its value: `{"name":` for the first, `,"name":` after.
    private let jsonKeys: [[UInt8]]

    public init(format: RecordFormat, fields: [String], sink: ByteSink) {
        self.format = format
        self.fields = fields
        self.sink = sink
        self.csv = CSVWriter(sink: sink)
        self.jsonKeys = fields.enumerated().map { index, name in
            var key: [UInt8] = [index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")]
            JSONValue.writeString(name, to: &key)
            return key + [UInt8(ascii: ":")]
        }
    }

    /// How many records have been written.
    public var recordCount: Int { count }

    /// Told the records written so far by `write(row:fields:)`, every 10,000 (for a progress meter).
    public var progress: ((_ records: Int) -> Void)?

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

    // MARK: - Rows straight from SQLite

    /// Writes a stored row whose columns are `stored` (in order), byte for byte, without
    /// building strings: the same text `write(_:)` gives for the decoded entry or event. `stored` must
    /// match `fields`.
    public mutating func write(row: some StoredRow, fields stored: [StoredField]) throws(OptOutIOError) {
        defer {
            count += 1
            if let progress, count % 10_000 == 0 { progress(count) }
        }
        switch format {
        case .csv:
            if count == 0 { try csv.writeRecord(fields) }
            for (index, field) in stored.enumerated() {
                try writeCSV(row, Int32(truncatingIfNeeded: index), field.encoding)
            }
            try csv.endRecord()
        case .json, .jsonl:
            if format == .json {
                if count == 0 {
                    try sink.write(byte: UInt8(ascii: "["))
                } else {
                    try sink.write(byte: UInt8(ascii: ","))
                    try sink.write(byte: UInt8(ascii: "\n"))
                }
            }
            for (index, field) in stored.enumerated() where index < jsonKeys.count {
                let failure: OptOutIOError? = jsonKeys[index].withUnsafeBytes { key in
                    do throws(OptOutIOError) { try sink.write(key) } catch { return error }
                    return nil
                }
                if let failure { throw failure }
                try writeJSON(row, Int32(truncatingIfNeeded: index), field.encoding)
            }
            try sink.write(byte: UInt8(ascii: "}"))
            if format == .jsonl { try sink.write(byte: UInt8(ascii: "\n")) }
        }
    }

    private mutating func writeCSV(_ row: some StoredRow, _ column: Int32, _ encoding: StoredField.Encoding) throws(OptOutIOError) {
        if row.isNull(column) { return try csv.writeField(UnsafeRawBufferPointer(start: nil, count: 0)) }
        switch encoding {
        case .text:
            try csv.writeField(row.textBytes(column))
        case .boolean:
            try csv.writeField(row.int64(column) != 0 ? "true" : "false")
        case .timestamp, .integer:
            var scratch = NumberText()
            let count = scratch.format(row.int64(column), asTimestamp: encoding == .timestamp)
            let failure: OptOutIOError? = withUnsafeBytes(of: &scratch.bytes) { raw in
                do throws(OptOutIOError) {
                    try csv.writeField(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
                } catch { return error }
                return nil
            }
            if let failure { throw failure }
        }
    }

    private func writeJSON(_ row: some StoredRow, _ column: Int32, _ encoding: StoredField.Encoding) throws(OptOutIOError) {
        if row.isNull(column) { return try sink.write("null") }
        switch encoding {
        case .text:
            try Self.writeJSONString(row.textBytes(column), to: sink)
        case .boolean:
            try sink.write(row.int64(column) != 0 ? "true" : "false")
        case .timestamp, .integer:
            let quoted = encoding == .timestamp
            var scratch = NumberText()
            let count = scratch.format(row.int64(column), asTimestamp: quoted)
            if quoted { try sink.write(byte: UInt8(ascii: "\"")) }
            let failure: OptOutIOError? = withUnsafeBytes(of: &scratch.bytes) { raw in
                do throws(OptOutIOError) { try sink.write(UnsafeRawBufferPointer(rebasing: raw[0..<count])) } catch {
                    return error
                }
                return nil
            }
            if let failure { throw failure }
            if quoted { try sink.write(byte: UInt8(ascii: "\"")) }
        }
    }

    /// Writes a JSON string literal through the project's one escaper.
    static func writeJSONString(_ bytes: UnsafeRawBufferPointer, to sink: ByteSink) throws(OptOutIOError) {
        try JSONValue.writeString(bytes) { (run) throws(OptOutIOError) in try sink.write(run) }
    }
}

/// A fixed stack buffer holding an integer's digits or a timestamp's ISO 8601 text.
private struct NumberText {
    var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Formats `value` (milliseconds as ISO 8601 when `asTimestamp`, else decimal); returns the length.
    mutating func format(_ value: Int64, asTimestamp: Bool) -> Int {
        withUnsafeMutableBytes(of: &bytes) { raw -> Int in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
            if asTimestamp { return Timestamp(milliseconds: value).writeISO8601(to: base) }
            var index = 0
            if value < 0 {
                base[0] = UInt8(ascii: "-")
                index = 1
            }
            index += DecimalText.write(value.magnitude, to: base + index)
            return index
        }
    }
}
