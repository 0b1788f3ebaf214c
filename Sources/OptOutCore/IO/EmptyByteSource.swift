import OptOutPlatform

/// A source with nothing in it: the source of a `CSVReader` over bytes already in memory.
public struct EmptyByteSource: ByteSource, Sendable {
    /// An empty source.
    public init() {}

    /// Always 0: the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(OptOutIOError) -> Int { 0 }
}
