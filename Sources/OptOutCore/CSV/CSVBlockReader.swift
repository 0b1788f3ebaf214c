import OptOutPlatform

// MARK: - CSVBlock

// MARK: - Growing a buffer

/// Replaces `storage` (`capacity` bytes, bound to `UInt8`) with a buffer at least twice as large that
/// holds `needed` bytes, copying the first `kept`; does nothing when `needed` fits already.
func growByteBuffer(_ storage: inout UnsafeMutableRawPointer, capacity: inout Int, toHold needed: Int,
                    keeping kept: Int) {
    guard needed > capacity else { return }
    var newCapacity = max(1, capacity)
    while newCapacity < needed {
        let (doubled, overflow) = newCapacity.multipliedReportingOverflow(by: 2)
        newCapacity = overflow ? needed : doubled
    }
    let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
    grown.bindMemory(to: UInt8.self, capacity: newCapacity)
    grown.copyMemory(from: storage, byteCount: kept)
    storage.deallocate()
    storage = grown
    capacity = newCapacity
}

// MARK: - CSVBlockReader

/// Cuts a byte source into blocks of whole CSV records, for parsing on several threads.
///
/// Each block holds about `blockSize` bytes and ends just after a line feed outside quotes (or at the
/// end of input), so every block starts a record. Finding that line feed needs only the parity of the
/// quotes before it: every `"` a valid CSV holds opens, closes or (doubled) escapes a quoted field, and
/// each of those toggles "inside quotes" exactly once. The parity of the quotes is taken eight bytes at
/// a time; the last line feed at even parity is then found walking back from the end of the block,
/// which is usually inside the last record.
///
/// Malformed input is not judged here: `CSVReader` finds it when it parses the block, with the same
/// error a sequential read gives, because up to the first error both agree on where records end.
/// When no record ends within `maximumRecordSize` bytes of a block's start (a record really that long,
/// or a stray quote that makes every later line feed look quoted), the bytes read so far become a last
/// block marked `endsInsideRecord`; its parse stops at the stray quote, or else reports the record as
/// too long, as a sequential read would.
public final class CSVBlockReader<Source: ByteSource> {
    /// The bytes a block holds before it is cut at the next record end.
    public let blockSize: Int
    /// The longest record accepted.
    public let maximumRecordSize: Int

    private var source: Source
    private var sourceEnded = false
    private var started = false
    /// Bytes read past the end of the last block: the start of the next one.
    private var carry: UnsafeMutableRawPointer
    private var carryCapacity: Int
    private var carryCount = 0

    /// A reader of `source` in blocks of about `blockSize` bytes (at least 1).
    public init(source: Source, blockSize: Int = 1 << 20, maximumRecordSize: Int = Int.max) {
        self.source = source
        self.blockSize = max(1, blockSize)
        self.maximumRecordSize = max(1, maximumRecordSize)
        carryCapacity = 256
        carry = UnsafeMutableRawPointer.allocate(byteCount: carryCapacity, alignment: 16)
        carry.bindMemory(to: UInt8.self, capacity: carryCapacity)
    }

    deinit { carry.deallocate() }

    /// Fills `block` with the next whole records; false (and an empty block) at the end of input.
    public func next(into block: CSVBlock) throws(CSVError) -> Bool {
        block.startsInput = !started
        block.endsInsideRecord = false
        started = true
        block.reserve(max(blockSize, carryCount), keeping: 0)
        block.storage.copyMemory(from: carry, byteCount: carryCount)
        var count = carryCount
        carryCount = 0
        var oddQuotes = false
        var counted = 0
        var cut = -1
        while true {
            if counted < count {
                if CSVChunk.hasOddQuoteCount(in: UnsafeRawBufferPointer(start: block.storage + counted,
                                                                      count: count &- counted)) {
                    oddQuotes.toggle()
                }
                counted = count
            }
            if sourceEnded {
                cut = count
                break
            }
            if count >= blockSize {
                cut = Self.lastRecordEnd(UnsafePointer(block.storage.assumingMemoryBound(to: UInt8.self)),
                                         count: count, oddQuotes: oddQuotes)
                if cut > 0 { break }
                if count > maximumRecordSize {
                    // Nothing after this block: parsing it ends in an error.
                    block.endsInsideRecord = true
                    sourceEnded = true
                    cut = count
                    break
                }
            }
            if count == block.capacity { block.reserve(count &+ 1, keeping: count) }
            let read: Int
            do throws(OptOutIOError) {
                read = try source.read(into: UnsafeMutableRawBufferPointer(
                    start: block.storage + count, count: block.capacity - count))
            } catch {
                throw CSVError(readError: error, line: 1)
            }
            if read <= 0 {
                sourceEnded = true
            } else {
                count &+= min(read, block.capacity - count)
            }
        }
        let rest = count - cut
        if rest > 0 {
            growByteBuffer(&carry, capacity: &carryCapacity, toHold: rest, keeping: 0)
            carry.copyMemory(from: block.storage + cut, byteCount: rest)
            carryCount = rest
        }
        block.count = cut
        return cut > 0
    }

    // MARK: Scanning

    /// The offset just past the last line feed outside quotes in `base[0..<count]`, or -1 when there
    /// is none; `oddQuotes` says whether all of it holds an odd number of quotes (the block starts
    /// outside quotes).
    static func lastRecordEnd(_ base: UnsafePointer<UInt8>, count: Int, oddQuotes: Bool) -> Int {
        // Walking back, `odd` is the parity of the quotes before `index`; a line feed is outside
        // quotes when it is even.
        var odd = oddQuotes
        var index = count
        while index > 0 {
            index &-= 1
            let byte = base[index]
            if byte == CSVByte.quote {
                odd.toggle()
            } else if byte == CSVByte.lineFeed && !odd {
                return index &+ 1
            }
        }
        return -1
    }
}
