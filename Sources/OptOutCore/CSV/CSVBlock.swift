import OptOutPlatform

/// A run of whole CSV records in memory, cut from an input by `CSVBlockReader`, so that another
/// thread can parse it with `CSVReader(borrowing:…)`.
///
/// A block owns its buffer and is meant to be reused: `CSVBlockReader.next(into:)` refills it. It is
/// handed between threads whole (one thread at a time), never shared.
public final class CSVBlock: @unchecked Sendable {
    /// The buffer; `count` bytes of it are the block.
    private(set) var storage: UnsafeMutableRawPointer
    /// The buffer's size.
    private(set) var capacity: Int
    /// How many bytes of `storage` are the block.
    public internal(set) var count = 0
    /// Whether the block begins the input (its first record is the header, maybe after a BOM).
    public internal(set) var startsInput = false
    /// Whether the block stops inside its first record, which is longer than the reader's
    /// `maximumRecordSize`: parsing it must end in an error (`CSVReader(borrowing:…)` given this flag
    /// reports `.recordTooLong` if it finds nothing wrong before the end). It is the last block.
    public internal(set) var endsInsideRecord = false

    /// An empty block with room for `capacity` bytes (it grows for longer records).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
        storage.bindMemory(to: UInt8.self, capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The block's bytes; valid until the block is refilled.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    /// Makes room for at least `needed` bytes, keeping the first `kept` bytes.
    func reserve(_ needed: Int, keeping kept: Int) {
        growByteBuffer(&storage, capacity: &capacity, toHold: needed, keeping: kept)
    }
}
