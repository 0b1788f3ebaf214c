import OptOutPlatform

/// Something bytes can be read from in chunks: a file, standard input, or memory.
///
/// `read(into:)` copies up to `buffer.count` bytes into `buffer` and returns how many it copied;
/// 0 means the end of the data. It may return fewer bytes than asked for at any time.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns the count, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(OptOutIOError) -> Int
}

// MARK: - FileByteSource

// MARK: - MemoryByteSource
