import OptOutCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes: a file descriptor, or memory when a test runs the command in-process.
final class OutputStream {
    private let descriptor: Int32?
    private var buffer: [UInt8] = []
    /// Everything written, when the stream is in memory.
    private(set) var captured: [UInt8] = []

    init(descriptor: Int32) { self.descriptor = descriptor }
    init() { self.descriptor = nil }

    /// True when the stream is a terminal (progress and tables for people).
    var isTerminal: Bool { descriptor.map { isatty($0) == 1 } ?? false }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes the buffer out; a closed pipe or full disk is reported as an I/O error.
    func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard let descriptor else {
            captured += buffer
            return
        }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    var capturedText: String { String(decoding: captured, as: UTF8.self) }
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
