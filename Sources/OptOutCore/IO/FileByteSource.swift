import OptOutPlatform

/// Reads a file descriptor with `read(2)`, retrying on `EINTR`.
///
/// Opened with `init(path:)` it owns the descriptor and closes it on `close()` or deinit. Built with
/// `init(fileDescriptor:ownsDescriptor:name:)` it can borrow one, such as standard input.
public final class FileByteSource: ByteSource {
    /// The descriptor read from (-1 after `close()`).
    public private(set) var fileDescriptor: Int32
    /// The path or name used in error messages.
    public let name: String
    private let ownsDescriptor: Bool

    /// Opens `path` for reading.
    ///
    /// Throws `.inputMissing` when the file does not exist ("cannot open P: No such file or directory"),
    /// is a directory ("…: Is a directory") or is not readable ("…: Permission denied"); `.io` for any
    /// other failure. `errorNumber` is `ENOENT`, `EISDIR`, `EACCES` or the other `errno`.
    public init(path: String) throws(OptOutIOError) {
        let descriptor = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
        if descriptor < 0 {
            let code = errno
            let kind: OptOutIOError.Kind =
                (code == ENOENT || code == ENOTDIR || code == EACCES || code == EPERM || code == EISDIR)
                ? .inputMissing : .io
            throw .system(kind, "cannot open", path, code)
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            _ = systemClose(descriptor)
            throw .system(.inputMissing, "cannot open", path, EISDIR)
        }
        self.fileDescriptor = descriptor
        self.name = path
        self.ownsDescriptor = true
    }

    /// The input named on a command line: the file at `path`, or standard input (borrowed, named
    /// "standard input") when `path` is `-`.
    public static func input(_ path: String, standardInput: Int32) throws(OptOutIOError) -> FileByteSource {
        path == "-"
            ? FileByteSource(fileDescriptor: standardInput, name: "standard input")
            : try FileByteSource(path: path)
    }

    /// Reads from an existing descriptor; `ownsDescriptor` says whether `close()`/deinit closes it.
    public init(fileDescriptor: Int32, ownsDescriptor: Bool = false, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        self.ownsDescriptor = ownsDescriptor
    }

    /// A source over standard input (descriptor 0, borrowed).
    public static func standardInput() -> FileByteSource {
        FileByteSource(fileDescriptor: 0, ownsDescriptor: false, name: "standard input")
    }

    deinit { close() }

    /// Closes the descriptor if this source owns it; later reads return 0.
    public func close() {
        if ownsDescriptor && fileDescriptor >= 0 { _ = systemClose(fileDescriptor) }
        fileDescriptor = -1
    }

    /// Reads up to `buffer.count` bytes; throws `.io` ("cannot read P: …") on failure.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(OptOutIOError) -> Int {
        guard fileDescriptor >= 0, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = retryingOnInterrupt { systemRead(fileDescriptor, base, buffer.count) }
        if count >= 0 { return count }
        let code = errno
        if code == EISDIR { throw .system(.inputMissing, "cannot read", name, code) }
        throw .system(.io, "cannot read", name, code)
    }
}

extension FileByteSource {
    /// Where reading is in a regular file, which can be read again from there (`seek(to:)`); nil for
    /// a pipe, a terminal or a device, which cannot.
    public func offsetInRegularFile() -> Int64? {
        var status = stat()
        guard fileDescriptor >= 0, fstat(fileDescriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let offset = lseek(fileDescriptor, 0, SEEK_CUR)
        return offset < 0 ? nil : Int64(offset)
    }

    /// Moves reading to `offset` of a regular file (`offsetInRegularFile()`).
    public func seek(to offset: Int64) throws(OptOutIOError) {
        guard lseek(fileDescriptor, off_t(offset), SEEK_SET) >= 0 else { throw .system(.io, "cannot read", name, errno) }
    }

    /// Reads to the end, or until more than `limit` bytes were read: a result longer than `limit`
    /// means the input is larger than the caller accepts, without reading all of it.
    public func readAll(limit: Int = .max) throws(OptOutIOError) -> [UInt8] {
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while bytes.count <= limit {
            let count = try read(into: chunk)
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}
