import OptOutPlatform

/// A buffered byte writer over a file descriptor, or an in-memory array for tests.
///
/// Writes to a descriptor collect in a 64 KiB buffer and go out with `write(2)` when it fills or on
/// `flush()` (partial writes continue, `EINTR` retries). Deinit does **not** flush: call `flush()`
/// (or `AtomicFile.commit()`) so failures are reported. After the first failure every later call
/// throws the same error. A sink writing to a pipe whose reader has gone gets `EPIPE` only if the
/// process ignores `SIGPIPE`; otherwise the signal ends the process (the command line decides).
public final class ByteSink {
    /// The size of the write buffer: 64 KiB.
    public static let bufferCapacity = 1 << 16

    private enum Destination {
        case descriptor(Int32, owned: Bool)
        case memory
        case discard
        case closed
    }

    private var destination: Destination
    private let buffer: UnsafeMutableRawPointer
    private var buffered = 0
    /// The first write failure; every later call throws it again. Private storage: the compiler then
    /// sees every access and checks exclusivity statically (a public property costs a run-time check
    /// on every write, 14% of an export's instructions).
    private var failure: OptOutIOError?

    /// The first write failure, if any (standard output's, for the closed-output policy).
    public var firstFailure: OptOutIOError? { failure }
    /// Bytes written to the descriptor so far, and the offset up to which writeback was started.
    private var written = 0
    private var writebackStarted = 0
    /// Set by `AtomicFile`, whose content is fsynced at the end: the kernel is asked to start writing
    /// every `writebackInterval` bytes out as they come, so that the final fsync has little left.
    var startsWriteback = false
    /// 2 MiB: the final fsync of an 83 MB output then waits about 1 ms instead of 6 (8 MiB).
    static let writebackInterval = 1 << 21
    /// The path or name used in error messages.
    public let name: String
    /// In memory mode, every byte written so far; empty for a descriptor sink.
    public private(set) var contents: [UInt8] = []

    /// A sink writing to `fileDescriptor`; `ownsDescriptor` says whether deinit closes it.
    /// `name` (a path, or "standard output") appears in error messages.
    public init(fileDescriptor: Int32, ownsDescriptor: Bool = false, name: String) {
        self.destination = .descriptor(fileDescriptor, owned: ownsDescriptor)
        self.name = name
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferCapacity, alignment: 16)
    }

    /// A sink collecting bytes in `contents`.
    public init() {
        self.destination = .memory
        self.name = "memory"
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16)
    }

    /// A sink that drops what it is given (`filter-campaign --summary-only` counts rows it never writes).
    public static func discarding() -> ByteSink {
        let sink = ByteSink()
        sink.destination = .discard
        return sink
    }

    /// A sink over standard output (descriptor 1, borrowed).
    public static func standardOutput() -> ByteSink {
        ByteSink(fileDescriptor: 1, ownsDescriptor: false, name: "standard output")
    }

    deinit {
        if case .descriptor(let descriptor, true) = destination { _ = systemClose(descriptor) }
        buffer.deallocate()
    }

    // MARK: Writing

    /// Writes `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(OptOutIOError) {
        if let failure { throw failure }
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        switch destination {
        case .memory:
            contents.append(contentsOf: bytes)
        case .discard:
            return
        case .closed:
            throw closedError()
        case .descriptor(let descriptor, _):
            if buffered + bytes.count <= Self.bufferCapacity {
                (buffer + buffered).copyMemory(from: source, byteCount: bytes.count)
                buffered += bytes.count
                return
            }
            try flush()
            if bytes.count >= Self.bufferCapacity {
                try writeAll(descriptor, source, bytes.count)
            } else {
                buffer.copyMemory(from: source, byteCount: bytes.count)
                buffered = bytes.count
            }
        }
    }

    /// Writes the UTF-8 bytes of `string`.
    public func write(_ string: String) throws(OptOutIOError) {
        var string = string
        let result: OptOutIOError? = string.withUTF8 { utf8 in
            do throws(OptOutIOError) { try write(UnsafeRawBufferPointer(utf8)) } catch { return error }
            return nil
        }
        if let result { throw result }
    }

    /// Writes one byte.
    @inline(__always)
    public func write(byte: UInt8) throws(OptOutIOError) {
        if buffered < Self.bufferCapacity, case .descriptor = destination, failure == nil {
            buffer.storeBytes(of: byte, toByteOffset: buffered, as: UInt8.self)
            buffered += 1
            return
        }
        try withUnsafeBytes(of: byte) { (bytes) throws(OptOutIOError) in try write(bytes) }
    }

    /// Sends buffered bytes to the descriptor; throws `.io` ("cannot write P: Broken pipe") on failure.
    public func flush() throws(OptOutIOError) {
        if let failure { throw failure }
        switch destination {
        case .memory, .discard:
            return
        case .closed:
            if buffered > 0 { throw closedError() }
        case .descriptor(let descriptor, _):
            guard buffered > 0 else { return }
            let count = buffered
            buffered = 0
            try writeAll(descriptor, UnsafeRawPointer(buffer), count)
        }
    }

    // MARK: Internals

    /// Hands the descriptor back: later writes fail. Used by `AtomicFile` once it commits or discards.
    func detach() {
        buffered = 0
        destination = .closed
    }

    /// The descriptor being written, if any.
    var fileDescriptor: Int32? {
        if case .descriptor(let descriptor, _) = destination { return descriptor }
        return nil
    }

    private func closedError() -> OptOutIOError {
        OptOutIOError(kind: .io, message: "cannot write \(name): output already closed", errorNumber: EBADF)
    }

    private func writeAll(_ descriptor: Int32, _ start: UnsafeRawPointer, _ count: Int) throws(OptOutIOError) {
        var done = 0
        while done < count {
            let result = retryingOnInterrupt { systemWrite(descriptor, start + done, count - done) }
            if result > 0 {
                done += result
            } else {
                let code = result < 0 ? errno : EIO
                let error = OptOutIOError.system(.io, "cannot write", name, code)
                failure = error
                throw error
            }
        }
        written += count
        if startsWriteback && written - writebackStarted >= Self.writebackInterval {
            startWriteback(descriptor)
        }
    }

    /// Starts writing the bytes written since the last call out to the disk, without waiting.
    ///
    /// `POSIX_FADV_DONTNEED` starts writeback of dirty pages in the range (and drops the ones already
    /// clean, which nothing here reads again); see posix_fadvise(2). Where it is missing this does
    /// nothing and the final fsync does all the work.
    private func startWriteback(_ descriptor: Int32) {
        #if os(Linux)
        _ = posix_fadvise(descriptor, off_t(writebackStarted), off_t(written - writebackStarted), POSIX_FADV_DONTNEED)
        #endif
        writebackStarted = written
    }
}
