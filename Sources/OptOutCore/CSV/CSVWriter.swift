/// Writes CSV records to a `ByteSink` with RFC 4180 quoting.
///
/// A field is quoted when it contains the delimiter, `"`, CR or LF, or starts or ends with a space or
/// tab; inside quotes `"` is doubled. Records end with `lineTerminator` ("\n" by default).
/// Fields can be written one by one (`writeField` … `endRecord()`, no allocation) or as a whole
/// record. `writeRaw(_:)` copies a record read by `CSVReader` byte for byte, and
/// `writeRaw(_:appending:)` copies it with one more field at the end (the `optout_reason` column).
/// Not `Sendable`: it writes through a shared `ByteSink`.
public struct CSVWriter {
    /// The sink written to.
    public let sink: ByteSink
    /// The field delimiter.
    public let delimiter: UInt8
    /// The bytes ending each record written with `endRecord()`/`writeRecord`.
    public let lineTerminator: [UInt8]
    private var fieldsInRecord = 0

    /// A writer to `sink` using `delimiter` (default `,`) and `lineTerminator` (default "\n").
    public init(sink: ByteSink, delimiter: UInt8 = UInt8(ascii: ","), lineTerminator: String = "\n") {
        self.sink = sink
        self.delimiter = delimiter
        self.lineTerminator = Array(lineTerminator.utf8)
    }

    // MARK: Field by field

    /// Writes one field of the current record (a delimiter first unless it is the first field).
    public mutating func writeField(_ bytes: UnsafeRawBufferPointer) throws(OptOutIOError) {
        if fieldsInRecord > 0 { try sink.write(byte: delimiter) }
        fieldsInRecord += 1
        try writeQuotedIfNeeded(bytes)
    }

    /// Writes one field given as a string (its UTF-8 bytes).
    public mutating func writeField(_ string: String) throws(OptOutIOError) {
        var string = string
        var failure: OptOutIOError?
        string.withUTF8 { utf8 in
            do throws(OptOutIOError) { try writeField(UnsafeRawBufferPointer(utf8)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Ends the current record with `lineTerminator`.
    public mutating func endRecord() throws(OptOutIOError) {
        fieldsInRecord = 0
        for byte in lineTerminator { try sink.write(byte: byte) }
    }

    // MARK: Whole records

    /// Writes `fields` as one record, then the line terminator.
    public mutating func writeRecord(_ fields: [String]) throws(OptOutIOError) {
        for field in fields { try writeField(field) }
        try endRecord()
    }

    /// Writes `fields` (byte buffers) as one record, then the line terminator.
    public mutating func writeRecord(_ fields: [UnsafeRawBufferPointer]) throws(OptOutIOError) {
        for field in fields { try writeField(field) }
        try endRecord()
    }

    // MARK: Raw records

    /// Copies `record` (for example `CSVReader.rawRecord`) unchanged.
    public func writeRaw(_ record: UnsafeRawBufferPointer) throws(OptOutIOError) {
        try sink.write(record)
    }

    /// Copies `record` with `field` added as a last column: the record's terminator (CRLF or LF) is
    /// removed, then delimiter + `field` (quoted if needed) + the same terminator are written; LF when
    /// the record had none.
    public func writeRaw(_ record: UnsafeRawBufferPointer, appending field: UnsafeRawBufferPointer) throws(OptOutIOError) {
        var bodyCount = record.count
        var crlf = false
        if bodyCount > 0 && record[bodyCount - 1] == CSVByte.lineFeed {
            bodyCount -= 1
            if bodyCount > 0 && record[bodyCount - 1] == CSVByte.carriageReturn {
                bodyCount -= 1
                crlf = true
            }
        }
        try sink.write(UnsafeRawBufferPointer(rebasing: record[0..<bodyCount]))
        try sink.write(byte: delimiter)
        try writeQuotedIfNeeded(field)
        if crlf { try sink.write(byte: CSVByte.carriageReturn) }
        try sink.write(byte: CSVByte.lineFeed)
    }

    /// `writeRaw(_:appending:)` with a string field.
    public func writeRaw(_ record: UnsafeRawBufferPointer, appending field: String) throws(OptOutIOError) {
        var field = field
        var failure: OptOutIOError?
        field.withUTF8 { utf8 in
            do throws(OptOutIOError) { try writeRaw(record, appending: UnsafeRawBufferPointer(utf8)) } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    // MARK: Quoting

    /// Whether `bytes` must be quoted with `delimiter`.
    public static func needsQuoting(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == CSVByte.space || first == CSVByte.tab || last == CSVByte.space || last == CSVByte.tab {
            return true
        }
        for byte in bytes where byte == delimiter || byte == CSVByte.quote
            || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn
        {
            return true
        }
        return false
    }

    private func writeQuotedIfNeeded(_ bytes: UnsafeRawBufferPointer) throws(OptOutIOError) {
        guard Self.needsQuoting(bytes, delimiter: delimiter) else { return try sink.write(bytes) }
        try sink.write(byte: CSVByte.quote)
        var segmentStart = 0
        for index in 0..<bytes.count where bytes[index] == CSVByte.quote {
            // Write up to and including the quote, then the quote again.
            try sink.write(UnsafeRawBufferPointer(rebasing: bytes[segmentStart...index]))
            try sink.write(byte: CSVByte.quote)
            segmentStart = index + 1
        }
        try sink.write(UnsafeRawBufferPointer(rebasing: bytes[segmentStart..<bytes.count]))
        try sink.write(byte: CSVByte.quote)
    }
}
