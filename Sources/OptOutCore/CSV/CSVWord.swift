import OptOutPlatform

/// SWAR (SIMD within a register) helpers: eight bytes are tested at once in a `UInt64`.
enum CSVWord {
    /// `byte` in each of the eight bytes of a word.
    @inline(__always)
    static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// A word whose byte i has its high bit set when byte i of `word` equals the byte repeated in
    /// `pattern`. Only the lowest set bit is exact (borrows can mark higher bytes), which is all the
    /// scanner uses: the first match.
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// A word whose byte i has its high bit set exactly when byte i of `word` equals the byte repeated
    /// in `pattern` (no carries between bytes, so every match is marked and nothing else).
    @inline(__always)
    static func exactMatches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        let low = (x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return ~(low | x) & 0x8080_8080_8080_8080
    }

    /// `exactMatches(word, a) | exactMatches(word, b) | exactMatches(word, c)` in fewer operations:
    /// each term has a byte's high bit set when that byte differs from its pattern, so a byte matches
    /// one of the three exactly when the AND of the terms has its high bit clear.
    @inline(__always)
    static func exactMatches(_ word: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        let xa = word ^ a
        let xb = word ^ b
        let xc = word ^ c
        let differsA = ((xa & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | xa
        let differsB = ((xb & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | xb
        let differsC = ((xc & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | xc
        return ~(differsA & differsB & differsC) & 0x8080_8080_8080_8080
    }

    /// The index of the first quote in `base[from..<limit]`, or `limit` when there is none, adding the
    /// line feeds passed on the way to `lines`: the inside of a quoted field, eight bytes at a time.
    @inline(__always)
    static func nextQuote(_ base: UnsafePointer<UInt8>, from: Int, limit: Int, lines: inout Int) -> Int {
        let quoteWord = repeated(CSVByte.quote)
        let lineFeedWord = repeated(CSVByte.lineFeed)
        var index = from
        while index < limit {
            if index &+ 8 <= limit {
                let word = load(base + index)
                let hits = matches(word, quoteWord) | matches(word, lineFeedWord)
                if hits == 0 {
                    index &+= 8
                    continue
                }
                index &+= hits.trailingZeroBitCount &>> 3
            }
            let byte = base[index]
            if byte == CSVByte.quote { return index }
            if byte == CSVByte.lineFeed { lines &+= 1 }
            index &+= 1
        }
        return limit
    }

    /// The eight bytes at `pointer` as a little-endian word (byte 0 lowest).
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }
}
