#if arch(x86_64)
// Clang's SSE2 intrinsics, which every x86-64 CPU has (the baseline the toolchain compiles for).
import _Builtin_intrinsics.intel
#endif

// MARK: - CSVChunk

/// Which of 64 bytes are quotes, delimiters, line feeds and carriage returns: bit i of each mask is
/// byte i. The bit-parallel CSV code (`CSVColumnScanner`, `CSVBlockReader`) reads its input through
/// these masks, as simdjson reads JSON.
///
/// On x86-64 the masks come from SSE2 compares (16 bytes per `pcmpeqb` + `pmovmskb`); elsewhere from
/// the same eight-bytes-in-a-word arithmetic as `CSVWord`. Both give the same masks (a test checks it).
struct CSVChunk {
    /// The bytes a chunk covers.
    static let size = 64

    var quotes: UInt64
    var delimiters: UInt64
    var lineFeeds: UInt64
    var carriageReturns: UInt64

    /// A chunk with the given masks.
    init(quotes: UInt64, delimiters: UInt64, lineFeeds: UInt64, carriageReturns: UInt64) {
        self.quotes = quotes
        self.delimiters = delimiters
        self.lineFeeds = lineFeeds
        self.carriageReturns = carriageReturns
    }

    /// The masks of the 64 bytes at `pointer`, all of which must be readable.
    @inline(__always)
    init(_ pointer: UnsafeRawPointer, _ patterns: Patterns) {
        #if arch(x86_64)
        self = Self.loadSSE2(pointer, patterns)
        #else
        self = Self.loadWords(pointer, patterns)
        #endif
    }

    /// The masks of the `count` (at most 64) bytes at `pointer`, with no bits past `count`: for the end
    /// of a buffer, where 64 bytes may not be readable.
    init(partial pointer: UnsafeRawPointer, count: Int, _ patterns: Patterns) {
        var padded: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let count = max(0, min(count, Self.size))
        self = withUnsafeMutableBytes(of: &padded) { buffer in
            buffer.baseAddress!.copyMemory(from: pointer, byteCount: count)
            return CSVChunk(UnsafeRawPointer(buffer.baseAddress!), patterns)
        }
        if count < Self.size {
            let kept = (UInt64(1) << UInt64(count)) &- 1
            quotes &= kept
            delimiters &= kept
            lineFeeds &= kept
            carriageReturns &= kept
        }
    }

    // MARK: Patterns

    /// The bytes compared against, repeated across a vector; made once per scan.
    struct Patterns {
        /// The field delimiter.
        let delimiter: UInt8
        #if arch(x86_64)
        let quoteVector = _mm_set1_epi8(CChar(bitPattern: CSVByte.quote))
        let delimiterVector: __m128i
        let lineFeedVector = _mm_set1_epi8(CChar(bitPattern: CSVByte.lineFeed))
        let carriageReturnVector = _mm_set1_epi8(CChar(bitPattern: CSVByte.carriageReturn))
        #endif

        /// The patterns for a file delimited by `delimiter`.
        init(delimiter: UInt8) {
            self.delimiter = delimiter
            #if arch(x86_64)
            delimiterVector = _mm_set1_epi8(CChar(bitPattern: delimiter))
            #endif
        }
    }

    // MARK: Building the masks

    #if arch(x86_64)
    @inline(__always)
    private static func loadSSE2(_ pointer: UnsafeRawPointer, _ patterns: Patterns) -> CSVChunk {
        var chunk = CSVChunk(quotes: 0, delimiters: 0, lineFeeds: 0, carriageReturns: 0)
        for part in 0..<4 {
            let bytes = _mm_loadu_si128((pointer + 16 &* part).assumingMemoryBound(to: __m128i.self))
            let shift = UInt64(16 &* part)
            chunk.quotes |= bits(_mm_cmpeq_epi8(bytes, patterns.quoteVector)) << shift
            chunk.delimiters |= bits(_mm_cmpeq_epi8(bytes, patterns.delimiterVector)) << shift
            chunk.lineFeeds |= bits(_mm_cmpeq_epi8(bytes, patterns.lineFeedVector)) << shift
            chunk.carriageReturns |= bits(_mm_cmpeq_epi8(bytes, patterns.carriageReturnVector)) << shift
        }
        return chunk
    }

    /// The high bit of each of the 16 bytes of a compare result, as 16 bits.
    @inline(__always)
    private static func bits(_ compared: __m128i) -> UInt64 {
        UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(compared)))
    }
    #endif

    /// The portable way: eight bytes per word, the matches of each word packed into 8 bits.
    @inline(__always)
    static func loadWords(_ pointer: UnsafeRawPointer, _ patterns: Patterns) -> CSVChunk {
        let quote = CSVWord.repeated(CSVByte.quote)
        let delimiter = CSVWord.repeated(patterns.delimiter)
        let lineFeed = CSVWord.repeated(CSVByte.lineFeed)
        let carriageReturn = CSVWord.repeated(CSVByte.carriageReturn)
        var chunk = CSVChunk(quotes: 0, delimiters: 0, lineFeeds: 0, carriageReturns: 0)
        for part in 0..<8 {
            let word = UInt64(littleEndian: (pointer + 8 &* part).loadUnaligned(as: UInt64.self))
            let shift = UInt64(8 &* part)
            chunk.quotes |= packed(CSVWord.exactMatches(word, quote)) << shift
            chunk.delimiters |= packed(CSVWord.exactMatches(word, delimiter)) << shift
            chunk.lineFeeds |= packed(CSVWord.exactMatches(word, lineFeed)) << shift
            chunk.carriageReturns |= packed(CSVWord.exactMatches(word, carriageReturn)) << shift
        }
        return chunk
    }

    /// The high bits of the eight bytes of `matches` (each 0x80 or 0) as eight bits, byte 0 lowest:
    /// the multiply moves byte i's bit to bit 56 + i with no carries between them.
    @inline(__always)
    private static func packed(_ matches: UInt64) -> UInt64 {
        ((matches >> 7) &* 0x0102_0408_1020_4080) >> 56
    }

    // MARK: Quotes

    /// Bit i set when an odd number of the bits 0…i of `mask` are set: for the quote mask, the bytes
    /// after an opening quote up to (not including) its closing quote, and the opening quote itself.
    @inline(__always)
    static func prefixParity(_ mask: UInt64) -> UInt64 {
        var parity = mask
        parity ^= parity << 1
        parity ^= parity << 2
        parity ^= parity << 4
        parity ^= parity << 8
        parity ^= parity << 16
        parity ^= parity << 32
        return parity
    }

    // MARK: Counting lines

    /// The number of line feeds in `bytes` (quoted or not: a line number counts physical lines).
    static func lineFeedCount(in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var total = 0
        var index = 0
        #if arch(x86_64)
        // Each compare adds 1 (0 - (-1)) to the byte lanes that hold a line feed; the lanes are summed
        // (`psadbw`) before any of them can pass 255.
        let lineFeedVector = _mm_set1_epi8(CChar(bitPattern: CSVByte.lineFeed))
        let zero = _mm_setzero_si128()
        while index &+ 16 <= count {
            var lanes = zero
            var rounds = 0
            while rounds < 255 && index &+ 16 <= count {
                let vector = _mm_loadu_si128((base + index).assumingMemoryBound(to: __m128i.self))
                lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(vector, lineFeedVector))
                index &+= 16
                rounds &+= 1
            }
            let sums = _mm_sad_epu8(lanes, zero)
            total &+= Int(_mm_cvtsi128_si64(sums)) &+ Int(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)))
        }
        #endif
        // Eight bytes at a time (all of it where there is no SSE2, the rest of it on x86-64).
        let lineFeed = CSVWord.repeated(CSVByte.lineFeed)
        while index &+ 8 <= count {
            let matches = CSVWord.exactMatches(CSVWord.load(base.assumingMemoryBound(to: UInt8.self) + index), lineFeed)
            // Each matching byte holds 1 after the shift; the multiply sums the bytes into the top one.
            total &+= Int(((matches >> 7) &* 0x0101_0101_0101_0101) >> 56)
            index &+= 8
        }
        while index < count {
            if bytes[index] == CSVByte.lineFeed { total &+= 1 }
            index &+= 1
        }
        return total
    }

    // MARK: Counting quotes

    /// Whether `bytes` holds an odd number of `"` bytes. The match masks are XORed together and only
    /// the parity of the result's bits is taken at the end (a population count per step costs more
    /// where the CPU baseline has no POPCNT).
    static func hasOddQuoteCount(in bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var parity: UInt64 = 0
        var index = 0
        #if arch(x86_64)
        let quoteVector = _mm_set1_epi8(CChar(bitPattern: CSVByte.quote))
        while index &+ 16 <= count {
            let vector = _mm_loadu_si128((base + index).assumingMemoryBound(to: __m128i.self))
            parity ^= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(_mm_cmpeq_epi8(vector, quoteVector))))
            index &+= 16
        }
        #endif
        // Eight bytes at a time (all of it where there is no SSE2, the rest of it on x86-64).
        let quote = CSVWord.repeated(CSVByte.quote)
        while index &+ 8 <= count {
            parity ^= CSVWord.exactMatches(CSVWord.load(base.assumingMemoryBound(to: UInt8.self) + index), quote)
            index &+= 8
        }
        var odd = parity.nonzeroBitCount & 1 == 1
        while index < count {
            if bytes[index] == CSVByte.quote { odd.toggle() }
            index &+= 1
        }
        return odd
    }
}
