import OptOutCore

import OptOutPlatform

/// Where a command's output goes: a `ByteSink` over a file descriptor, or memory when a test runs the
/// command in-process.
///
/// Writes do not throw, so commands read simply; the first failure is kept and reported once by the
/// dispatcher (exit 74), except a closed pipe (`optout list | head`), which ends output quietly.
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

    /// The failure to report: nil when none, or when the reader closed the pipe.
    var reportableFailure: OptOutIOError? {
        guard let failure, failure.errorNumber != EPIPE else { return nil }
        return failure
    }

    /// Everything written, for in-memory streams.
    var capturedText: String { String(decoding: sink.contents, as: UTF8.self) }
}

/// Everything a command may touch outside its arguments: the environment, the streams, the clock.
/// Tests build one in memory; `main` builds it from the process.
final class CommandContext {
    let environment: [String: String]
    let standardOutput: OutputStream
    let standardError: OutputStream
    /// Standard input's file descriptor, for `-` arguments.
    let standardInput: Int32
    /// The current time; fixed in tests.
    let now: () -> Timestamp

    init(
        environment: [String: String], standardOutput: OutputStream, standardError: OutputStream,
        standardInput: Int32 = 0, now: @escaping () -> Timestamp = Timestamp.now
    ) {
        self.environment = environment
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.standardInput = standardInput
        self.now = now
    }

    /// `optout: warning: …` on standard error.
    func warn(_ message: String) { standardError.write("optout: warning: \(message)\n") }
}
