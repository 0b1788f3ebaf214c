import OptOutCore

import OptOutPlatform

/// Where a command's output goes: a `ByteSink` over a file descriptor, or memory when a test runs the
/// command in-process.
///
/// Writes do not throw, so commands read simply; the first failure is kept and reported once by the
/// dispatcher (exit 74), except a closed pipe, which follows the command's `ClosedOutputPolicy`.
final class OutputStream {
    /// The sink, for commands that stream bytes (CSV rows) through core writers.
    let sink: ByteSink
    private let descriptor: Int32?
    /// The first write failure, if any.
    private(set) var failure: OptOutIOError?

    init(descriptor: Int32, name: String) {
        self.sink = ByteSink(fileDescriptor: descriptor, ownsDescriptor: false, name: name)
        self.descriptor = descriptor
    }

    init() {
        self.sink = ByteSink()
        self.descriptor = nil
    }

    /// True when the stream is a terminal (progress and tables for people).
    var isTerminal: Bool { descriptor.map { isatty($0) == 1 } ?? false }

    func write(_ text: String) { attempt { () throws(OptOutIOError) in try sink.write(text) } }

    func write(_ bytes: UnsafeRawBufferPointer) { attempt { () throws(OptOutIOError) in try sink.write(bytes) } }

    /// Writes one JSON value as compact text and a line feed.
    func writeLine(_ json: JSONValue) {
        var bytes = json.utf8
        bytes.append(0x0A)
        bytes.withUnsafeBytes { write($0) }
    }

    func flush() { attempt { () throws(OptOutIOError) in try sink.flush() } }

    /// Runs a sink operation unless an earlier one failed, keeping the first failure.
    func attempt(_ operation: () throws(OptOutIOError) -> Void) {
        guard failure == nil else { return }
        do { try operation() } catch { failure = error }
    }

    /// The first failure of this stream or of a core writer writing to its sink.
    var firstFailure: OptOutIOError? { failure ?? sink.firstFailure }

    /// Throws the first failure, so that a command writing in a loop stops at its first failed write
    /// (the dispatcher then applies the closed-output policy, or reports the failure).
    func stopIfFailed() throws(OptOutError) {
        if let failure = firstFailure { throw OptOutError(failure) }
    }

    /// True when a write failed because the reader closed the pipe (`optout list | head -1`).
    var closedByReader: Bool { firstFailure?.errorNumber == EPIPE }

    /// Everything written, for in-memory streams.
    var capturedText: String { String(decoding: sink.contents, as: UTF8.self) }

    /// Writes `records` (ordered key–value pairs whose keys are `fields`) in a record format, through
    /// the core's one `RecordWriter`; the first failure is kept as for every write.
    func writeRecords(_ records: [[(String, JSONValue)]], fields: [String], format: RecordFormat) {
        var writer = RecordWriter(format: format, fields: fields, sink: sink)
        for record in records {
            attempt { () throws(OptOutIOError) in try writer.write(record) }
        }
        attempt { () throws(OptOutIOError) in try writer.finish() }
    }

    /// Writes a list as a table for people (`header`, then one `row` an item; `empty` instead when
    /// there is none) or, for a record format, as records with `fields`.
    func writeList<Item>(
        _ items: [Item], as format: EntryWriter.Format, fields: [String], record: (Item) -> [(String, JSONValue)],
        header: [String], row: (Item) -> [String], empty: String? = nil
    ) {
        if let records = RecordFormat(rawValue: format.rawValue) {
            return writeRecords(items.map(record), fields: fields, format: records)
        }
        if items.isEmpty, let empty { return write(empty + "\n") }
        write(TableLayout.row(header))
        for item in items { write(TableLayout.row(row(item))) }
    }
}
