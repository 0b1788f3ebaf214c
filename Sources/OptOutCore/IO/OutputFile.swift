import OptOutPlatform

/// An output opened as its `OutputTarget` says: an `AtomicFile` (whole or nothing), or a file written in
/// place (a device, a FIFO, a descriptor path). Write through `sink`, then `commit()`; `discard()` (or
/// deinit without a commit) leaves an atomic target untouched.
public final class OutputFile {
    /// The path as given, for messages.
    public let path: String
    public let target: OutputTarget
    /// Where to write.
    public let sink: ByteSink
    private let atomic: AtomicFile?
    private var descriptor: Int32

    /// Opens `path`. New files get `mode`.
    public init(path: String, mode: FileMode = .private) throws(OptOutIOError) {
        self.path = path
        target = OutputTarget.resolve(path)
        switch target {
        case .atomic(let resolved):
            let file = try AtomicFile(path: resolved, mode: mode, name: path)
            atomic = file
            descriptor = -1
            sink = file.sink
        case .inPlace(let resolved):
            let opened = retryingOnInterrupt { open(resolved, O_WRONLY | O_APPEND | O_CLOEXEC) }
            guard opened >= 0 else { throw .system(.cannotCreate, "cannot open", path, errno) }
            atomic = nil
            descriptor = opened
            sink = ByteSink(fileDescriptor: opened, ownsDescriptor: false, name: path)
        }
    }

    deinit { discard() }

    /// Makes the output final: the atomic rename, or for an in-place output the last bytes written.
    public func commit() throws(OptOutIOError) {
        if let atomic { return try atomic.commit() }
        guard descriptor >= 0 else { return }
        defer { closeDescriptor() }
        try sink.flush()
    }

    /// Abandons the output: an atomic target is left as it was; an in-place one keeps what was written.
    public func discard() {
        if let atomic { return atomic.discard() }
        closeDescriptor()
    }

    private func closeDescriptor() {
        guard descriptor >= 0 else { return }
        sink.detach()
        _ = systemClose(descriptor)
        descriptor = -1
    }
}
