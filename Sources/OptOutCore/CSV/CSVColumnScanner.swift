/// Reads one column of a run of whole CSV records, 64 bytes at a time: the fast path of
/// `filter-campaign`, which needs each record's extent and its phone field and nothing else.
///
/// Each 64-byte `CSVChunk` gives masks of its quotes, delimiters and line feeds. The prefix parity of
/// the quotes marks the bytes inside quoted fields, so the delimiters and line feeds left are the
/// structure of the records, walked a set bit at a time (there are about eight per record). The
/// quotes are checked with the same masks: an opening quote must follow a delimiter, a line feed or
/// the closing quote of a doubled `""`, and a closing quote must be followed by a delimiter, a line
/// feed, CR LF or another quote, as `CSVReader` requires.
///
/// The scanner vouches only for what it fully understands. It stops at the start of the record
/// being read when a chunk breaks those quote rules, when the field wanted is quoted with doubled
/// quotes inside (its value needs unescaping), when a record is longer than `maximumRecordSize`, and
/// at a last record that has no line feed. `scan` returns that offset and the caller parses the rest
/// with `CSVReader(borrowing:…)`, which gives the value or the error with its line. Up to that offset
/// the records and values are exactly those `CSVReader` gives (a test compares them on every input
/// of the CSV test corpus), blank lines excepted: they are skipped.
struct CSVColumnScanner {
    /// The field delimiter.
    let delimiter: UInt8
    /// The 0-based column whose value is reported (empty for a record with fewer fields).
    let column: Int
    /// The longest record vouched for.
    let maximumRecordSize: Int

    /// A scanner for `column`, or nil when `delimiter` is a quote, a line feed or a carriage
    /// return (which the masks cannot tell apart from the structure).
    init?(delimiter: UInt8, column: Int, maximumRecordSize: Int) {
        guard delimiter != CSVByte.quote && delimiter != CSVByte.lineFeed && delimiter != CSVByte.carriageReturn,
              column >= 0
        else { return nil }
        self.delimiter = delimiter
        self.column = column
        self.maximumRecordSize = maximumRecordSize
    }

    /// Where `scan` stopped: `end` is `bytes.count`, or the start of the first record left for
    /// `CSVReader`; `lineFeeds` counts the line feeds before `end` (quoted ones too).
    struct Stop {
        var end: Int
        var lineFeeds: Int
    }

    /// Hands each non-blank record of `bytes` (which must start at a record start, outside quotes) and
    /// the value of its `column` field to `visitor`, in order, and says where it stopped.
    ///
    /// The record's range includes its line terminator. The value is unquoted (its quotes stripped;
    /// a value with doubled quotes is never reported) and has no terminating CR.
    @inline(__always)
    func scan<Visitor: CSVColumnVisitor>(_ bytes: UnsafeRawBufferPointer, into visitor: inout Visitor) -> Stop {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return Stop(end: 0, lineFeeds: 0) }
        let base = start.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        let patterns = CSVChunk.Patterns(delimiter: delimiter)
        let column = self.column
        let maximumRecordSize = self.maximumRecordSize
        /// Stops before the record at `offset`: the line feeds before it are counted again, which is
        /// rare enough not to track them exactly as the scan goes.
        func stop(at offset: Int) -> Stop {
            Stop(end: offset, lineFeeds: CSVChunk.lineFeedCount(in: UnsafeRawBufferPointer(start: start, count: offset)))
        }
        // All ones when the chunk starts inside a quoted field.
        var inside: UInt64 = 0
        // Bit 0: the byte before the chunk may precede an opening quote (delimiter, line feed, quote,
        // or nothing: the start of `bytes`).
        var openerBefore: UInt64 = 1
        // Bit 0: the byte before the chunk is a closing quote.
        var closingBefore: UInt64 = 0
        // Line feeds ending records, and quoted ones.
        var lineFeeds = 0
        var recordStart = 0
        var field = 0
        var fieldStart = 0
        var valueStart = 0
        var valueEnd = 0
        var offset = 0
        while offset < count {
            let chunk = offset &+ CSVChunk.size <= count
                ? CSVChunk(UnsafeRawPointer(base + offset), patterns)
                : CSVChunk(partial: UnsafeRawPointer(base + offset), count: count &- offset, patterns)
            var structure = chunk.delimiters | chunk.lineFeeds
            if chunk.quotes | inside != 0 {
                let quoted = CSVChunk.prefixParity(chunk.quotes) ^ inside
                let opening = chunk.quotes & quoted
                let closing = chunk.quotes & ~quoted
                // The byte after the chunk (NUL past the end, which allows nothing).
                let next = offset &+ CSVChunk.size < count ? base[offset &+ CSVChunk.size] : 0
                let nextIsLineFeed: UInt64 = next == CSVByte.lineFeed ? 1 : 0
                let nextMayFollowClosing: UInt64 =
                    next == delimiter || next == CSVByte.lineFeed || next == CSVByte.quote
                        || next == CSVByte.carriageReturn ? 1 : 0
                let mayPrecedeOpening = ((chunk.delimiters | chunk.lineFeeds | chunk.quotes) << 1) | openerBefore
                let mayFollowClosing = ((chunk.delimiters | chunk.lineFeeds | chunk.quotes | chunk.carriageReturns) >> 1)
                    | (nextMayFollowClosing << 63)
                let returnAfterClosing = ((closing << 1) | closingBefore) & chunk.carriageReturns
                let lineFeedNext = (chunk.lineFeeds >> 1) | (nextIsLineFeed << 63)
                let broken = (opening & ~mayPrecedeOpening) | (closing & ~mayFollowClosing)
                    | (returnAfterClosing & ~lineFeedNext)
                if broken != 0 { return stop(at: recordStart) }
                let quotedLineFeeds = chunk.lineFeeds & quoted
                if quotedLineFeeds != 0 { lineFeeds &+= quotedLineFeeds.nonzeroBitCount }
                structure &= ~quoted
                inside = UInt64(bitPattern: Int64(bitPattern: quoted) >> 63)
                closingBefore = closing >> 63
            } else {
                closingBefore = 0
            }
            openerBefore = (chunk.delimiters | chunk.lineFeeds | chunk.quotes) >> 63

            while structure != 0 {
                let bit = structure.trailingZeroBitCount
                structure &= structure &- 1
                let position = offset &+ bit
                if field == column {
                    valueStart = fieldStart
                    valueEnd = position
                }
                guard (chunk.lineFeeds >> UInt64(truncatingIfNeeded: bit)) & 1 != 0 else {
                    field &+= 1
                    fieldStart = position &+ 1
                    continue
                }
                // A line feed: the record ends after it.
                let end = position &+ 1
                guard end &- recordStart <= maximumRecordSize else { return stop(at: recordStart) }
                if field < column {
                    valueStart = position
                    valueEnd = position
                } else if valueEnd == position && valueEnd > valueStart
                            && base[valueEnd &- 1] == CSVByte.carriageReturn {
                    valueEnd &-= 1
                }
                let length = end &- recordStart
                let blank = field == 0
                    && (length == 1 || (length == 2 && base[recordStart] == CSVByte.carriageReturn))
                if !blank {
                    if valueEnd > valueStart && base[valueStart] == CSVByte.quote {
                        // A quoted value: between its quotes, unless it holds a doubled quote.
                        valueStart &+= 1
                        valueEnd &-= 1
                        var index = valueStart
                        while index < valueEnd {
                            if base[index] == CSVByte.quote { return stop(at: recordStart) }
                            index &+= 1
                        }
                    }
                    visitor.visit(record: recordStart..<end,
                                  value: UnsafeRawBufferPointer(start: base + valueStart, count: valueEnd &- valueStart))
                }
                lineFeeds &+= 1
                recordStart = end
                fieldStart = end
                field = 0
            }
            offset &+= CSVChunk.size
        }
        return recordStart == count ? Stop(end: count, lineFeeds: lineFeeds) : stop(at: recordStart)
    }
}

// MARK: - CSVColumnVisitor
