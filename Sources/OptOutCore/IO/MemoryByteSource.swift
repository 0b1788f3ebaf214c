import OptOutPlatform

/// Reads from an array of bytes; for tests. `chunkLimit` caps each read to simulate short reads.
public struct MemoryByteSource: ByteSource, Sendable {
    /// All the bytes.
    public let bytes: [UInt8]
    /// The most bytes one `read(into:)` returns.
    public let chunkLimit: Int
    /// How many bytes have been read so far.
    public private(set) var offset: Int = 0

    /// A source over `bytes`, returning at most `chunkLimit` (at least 1) bytes per read.
    public init(_ bytes: [UInt8], chunkLimit: Int = Int.max) {
        self.bytes = bytes
        self.chunkLimit = max(1, chunkLimit)
    }

    /// A source over the UTF-8 bytes of `text`.
    public init(_ text: String, chunkLimit: Int = Int.max) {
        self.init(Array(text.utf8), chunkLimit: chunkLimit)
    }

    /// Copies the next bytes into `buffer`; 0 at the end.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(OptOutIOError) -> Int {
        let count = min(buffer.count, bytes.count - offset, chunkLimit)
        guard count > 0, let destination = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress {
                destination.copyMemory(from: from + offset, byteCount: count)
            }
        }
        offset += count
        return count
    }
}
