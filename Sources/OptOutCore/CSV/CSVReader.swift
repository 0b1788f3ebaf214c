import OptOutPlatform

// MARK: - Byte constants

// MARK: - Scanner types

// MARK: - Word-at-a-time search

// MARK: - CSVReader

/// A streaming RFC 4180 reader working on bytes.
///
/// Call `next()` until it returns false; after each true, read `fieldCount`, `field(_:)`,
/// `rawRecord`, `lineNumber`. Pointers returned are valid until the next `next()` call.
///
/// - Records end at LF or CRLF outside quotes (a CR not followed by LF is data). Quoted fields may
///   hold delimiters, doubled quotes (`""` → `"`) and line breaks. Records may be any length: the
///   buffer grows up to `maximumRecordSize`, and records may straddle reads.
/// - The delimiter, when not given, is detected from the first record: each of `,` `;` tab `|` is
///   counted outside quotes; the single most frequent wins; `,` on a tie for the top or when none
///   occurs.
/// - A UTF-8 BOM at the very start, and Excel's `sep=X` line after it, are not part of the first
///   record's fields but stay in its `rawRecord`; `sep=X` gives the delimiter unless one was given.
/// - Excel's formula text `="…"` as an unquoted field is read as the quoted text (`="007"` is `007`).
/// - A blank line is reported as a record with one empty field and `isBlank == true` (so that the
///   raw records of a file concatenate back to the file exactly); callers usually skip it.
/// - A last record without a line terminator is read normally. Empty input has no records.
/// - Bytes are data: invalid UTF-8 and NUL pass through unchanged.
/// - Errors (`CSVError`): unterminated quoted field (line where the field started), quote inside an
///   unquoted field, character after a closing quote, record too long, read failure. After an error
///   every `next()` throws it again.
///
/// No heap allocation per record once the buffers have grown to the largest record.
///
/// Typical filtering loop (kept rows copied byte for byte, dropped rows get a reason column):
///
///     let reader = CSVReader(source: try FileByteSource(path: input))
///     guard try reader.next() else { return }            // header; detects the delimiter
///     let output = try AtomicFile(path: outputPath)
///     let writer = CSVWriter(sink: output.sink, delimiter: reader.delimiter)
///     try writer.writeRaw(reader.rawRecord)
///     while try reader.next() {
///         if reader.isBlank { continue }
///         let phone = reader.field(phoneColumn)           // UnsafeRawBufferPointer, no copy
///         if keep(phone) { try writer.writeRaw(reader.rawRecord) }
///     }
///     try output.commit()
public final class CSVReader<Source: ByteSource> {
    /// The field delimiter in use: the one given to `init`, or, when detecting, `,` until the first
    /// `next()` call and the detected delimiter from then on. Read it after the first `next()`.
    public var delimiter: UInt8 { current.pointee.delimiter }
    /// The 1-based physical line where the current record starts (quoted line breaks count).
    public var lineNumber: Int { current.pointee.lineNumber }
    /// The longest record accepted, in bytes.
    public let maximumRecordSize: Int

    private var source: Source
    private let detectsDelimiter: Bool
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// False for a reader over borrowed bytes (`init(borrowing:…)`), which must not free them.
    private var ownsStorage = true
    /// True when the borrowed bytes stop inside a record longer than `maximumRecordSize`.
    private var endsInsideRecord = false
    private var recordStart = 0
    private var recordEnd = 0
    private var dataEnd = 0
    private var sourceEnded = false
    private var started = false
    private var failure: CSVError?
    private var nextLine = 1
    /// Spans, delimiter and line, behind a pointer: a `let` property needs no exclusivity check.
    private let current: UnsafeMutablePointer<CSVRecordState>
    private var scratch: UnsafeMutableRawPointer
    private var scratchCapacity = 256
    private var scratchCount = 0
    /// The bytes of the first record before its fields: a UTF-8 BOM and an Excel `sep=X` line.
    private var prefixLength = 0
    private var terminatorLength = 0

    /// A reader over `source`.
    ///
    /// - Parameters:
    ///   - delimiter: the field delimiter, or nil to detect it from the first record.
    ///   - bufferSize: the initial read buffer size (at least 1); it grows for longer records.
    ///   - maximumRecordSize: the longest record accepted before `.recordTooLong` (default: no limit).
    public init(source: Source, delimiter: UInt8? = nil, bufferSize: Int = 1 << 16,
                maximumRecordSize: Int = Int.max) {
        self.source = source
        self.detectsDelimiter = delimiter == nil
        self.capacity = max(1, bufferSize)
        self.maximumRecordSize = max(1, maximumRecordSize)
        self.storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        self.scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchCapacity, alignment: 16)
        self.current = UnsafeMutablePointer<CSVRecordState>.allocate(capacity: 1)
        current.initialize(to: CSVRecordState(spans: CSVSpanList(capacity: 32),
                                              delimiter: delimiter ?? CSVByte.comma, lineNumber: 0))
        storage.bindMemory(to: UInt8.self, capacity: capacity)
        scratch.bindMemory(to: UInt8.self, capacity: scratchCapacity)
    }

    deinit {
        if ownsStorage { storage.deallocate() }
        scratch.deallocate()
        current.pointee.spans.deallocate()
        current.deinitialize(count: 1)
        current.deallocate()
    }

    // MARK: Current record

    /// The number of fields in the current record (0 before the first record).
    public var fieldCount: Int { current.pointee.spans.count }

    /// The value of field `index` (0-based): unquoted, doubled quotes undone. Empty when `index` is out
    /// of range. Valid until the next `next()`.
    public func field(_ index: Int) -> UnsafeRawBufferPointer {
        let list = current.pointee.spans
        guard index >= 0 && index < list.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let span = list.base[index]
        let base = span.inScratch ? UnsafeRawPointer(scratch) : UnsafeRawPointer(storage + recordStart)
        return UnsafeRawBufferPointer(start: base + span.start, count: span.count)
    }

    /// Field `index` decoded as UTF-8 (invalid bytes become U+FFFD); allocates, meant for headers.
    public func fieldString(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// The exact bytes of the current record as read, including a BOM (first record only) and its
    /// line terminator (CRLF, LF, or none at the end of input). Valid until the next `next()`.
    public var rawRecord: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + recordStart, count: recordEnd - recordStart)
    }

    /// Whether the current record is an empty line (one empty unquoted field).
    public var isBlank: Bool {
        current.pointee.spans.count == 1 && recordEnd - recordStart - prefixLength - terminatorLength == 0
    }

    // MARK: Reading

    /// Advances to the next record; returns false at the end of input.
    public func next() throws(CSVError) -> Bool {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    private func advance() throws(CSVError) -> Bool {
        recordStart = recordEnd
        current.pointee.spans.removeAll()
        scratchCount = 0
        terminatorLength = 0
        current.pointee.lineNumber = nextLine
        if started {
            prefixLength = 0
        } else {
            started = true
            try prepareFirstRecord()
        }
        while recordStart == dataEnd {
            if !(try fill()) {
                recordEnd = recordStart
                return false
            }
        }
        try scanRecord()
        // The buffer may already have held a longer record than the limit: the limit is on records.
        if recordEnd - recordStart > maximumRecordSize {
            throw recordTooLong()
        }
        return true
    }

    /// Skips a leading BOM and Excel's `sep=X` line, and detects the delimiter.
    ///
    /// `sep=X` (any case, then CRLF or LF) names the delimiter for Excel; it is not the header. Its
    /// delimiter is used unless one was given, and the line stays in the first record's `rawRecord`, like
    /// the BOM, so that a copy of the file keeps it.
    private func prepareFirstRecord() throws(CSVError) {
        let hintLength = 7  // "sep=X\r\n"
        while dataEnd - recordStart < 3 + hintLength, try fill() {}
        let bytes = UnsafePointer<UInt8>(storage.assumingMemoryBound(to: UInt8.self)) + recordStart
        let available = dataEnd - recordStart
        if available >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            prefixLength = 3
        }
        if let (hinted, length) = Self.separatorHint(UnsafeRawBufferPointer(start: bytes + prefixLength, count: available - prefixLength)) {
            if detectsDelimiter { current.pointee.delimiter = hinted }
            prefixLength += length
            nextLine += 1
            current.pointee.lineNumber = nextLine
            return
        }
        if detectsDelimiter { try detectDelimiter() }
    }

    /// Excel's delimiter line at the start of `bytes`, `sep=X` then CRLF or LF: the delimiter and the
    /// line's length; nil when the bytes do not start with one. X may be any byte but a quote or a line
    /// break.
    static func separatorHint(_ bytes: UnsafeRawBufferPointer) -> (delimiter: UInt8, length: Int)? {
        guard bytes.count >= 6, bytes[0] | 0x20 == UInt8(ascii: "s"), bytes[1] | 0x20 == UInt8(ascii: "e"),
              bytes[2] | 0x20 == UInt8(ascii: "p"), bytes[3] == CSVByte.equals else { return nil }
        let delimiter = bytes[4]
        guard delimiter != CSVByte.quote, delimiter != CSVByte.lineFeed, delimiter != CSVByte.carriageReturn else { return nil }
        if bytes[5] == CSVByte.lineFeed { return (delimiter, 6) }
        if bytes.count >= 7, bytes[5] == CSVByte.carriageReturn, bytes[6] == CSVByte.lineFeed { return (delimiter, 7) }
        return nil
    }

    private func detectDelimiter() throws(CSVError) {
        var counts = (comma: 0, semicolon: 0, tab: 0, pipe: 0)
        var inQuotes = false
        var offset = prefixLength
        scan: while true {
            if recordStart + offset == dataEnd {
                if try fill() { continue } else { break }
            }
            let byte = (storage + recordStart).load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            if byte == CSVByte.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                switch byte {
                case CSVByte.lineFeed: break scan
                case CSVByte.comma: counts.comma += 1
                case CSVByte.semicolon: counts.semicolon += 1
                case CSVByte.tab: counts.tab += 1
                case CSVByte.pipe: counts.pipe += 1
                default: break
                }
            }
        }
        let ranked = [(CSVByte.comma, counts.comma), (CSVByte.semicolon, counts.semicolon),
                      (CSVByte.tab, counts.tab), (CSVByte.pipe, counts.pipe)]
        let top = ranked.map(\.1).max() ?? 0
        let leaders = ranked.filter { $0.1 == top }
        current.pointee.delimiter = (top > 0 && leaders.count == 1) ? leaders[0].0 : CSVByte.comma
    }

    /// Compacts the live record to the buffer start, grows if full, and reads more.
    /// Returns false at the end of the source. Offsets relative to `recordStart` stay valid.
    private func fill() throws(CSVError) -> Bool {
        if sourceEnded { return false }
        let live = dataEnd - recordStart
        if recordStart > 0 {
            if live > 0 { memmove(storage, storage + recordStart, live) }
            recordEnd -= recordStart
            dataEnd = live
            recordStart = 0
        }
        if dataEnd == capacity {
            if live > maximumRecordSize {
                throw recordTooLong()
            }
            growByteBuffer(&storage, capacity: &capacity, toHold: capacity &+ 1, keeping: dataEnd)
        }
        let count: Int
        do throws(OptOutIOError) {
            count = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + dataEnd,
                                                                         count: capacity - dataEnd))
        } catch {
            throw CSVError(readError: error, line: lineNumber)
        }
        if count <= 0 {
            sourceEnded = true
            return false
        }
        dataEnd += min(count, capacity - dataEnd)
        return true
    }

    // MARK: Scanning

    private func scanRecord() throws(CSVError) {
        let delimiter = self.delimiter
        var base = UnsafePointer<UInt8>(storage.assumingMemoryBound(to: UInt8.self)) + recordStart
        var limit = dataEnd - recordStart
        var index = prefixLength
        var valueStart = index
        var state = CSVScanState.fieldStart
        var hasEscapes = false
        var quoteLine = nextLine
        var line = nextLine
        let quoteWord = CSVWord.repeated(CSVByte.quote)
        let lineFeedWord = CSVWord.repeated(CSVByte.lineFeed)
        let delimiterWord = CSVWord.repeated(delimiter)
        // Work on a local copy of the span list (written back on exit) so appends skip class-property
        // access checks.
        var spans = current.pointee.spans
        defer { current.pointee.spans = spans }

        // Fast path: eight bytes at a time, every delimiter and line feed in a word handled from one
        // exact match mask; a quoted field without doubled quotes is skipped to its closing quote. Anything
        // else (a doubled quote, a quote inside an unquoted value, a record running past the buffered
        // bytes) hands over to the state machine below at the start of the field it was reading.
        let fastPath = delimiter != CSVByte.quote && delimiter != CSVByte.lineFeed
        words: while fastPath && index &+ 8 <= limit {
            let word = CSVWord.load(base + index)
            var hits = CSVWord.exactMatches(word, delimiterWord, lineFeedWord, quoteWord)
            while hits != 0 {
                let position = index &+ (hits.trailingZeroBitCount &>> 3)
                let byte = base[position]
                if byte == delimiter {
                    spans.append(CSVFieldSpan(start: valueStart, count: position &- valueStart, inScratch: false))
                    valueStart = position &+ 1
                } else if byte == CSVByte.lineFeed {
                    var end = position
                    var terminator = 1
                    if end > valueStart && base[end &- 1] == CSVByte.carriageReturn {
                        end &-= 1
                        terminator = 2
                    }
                    spans.append(CSVFieldSpan(start: valueStart, count: end &- valueStart, inScratch: false))
                    return finishRecord(at: position &+ 1, terminator: terminator, line: line &+ 1)
                } else if position != valueStart {
                    // A quote inside an unquoted value: the machine reports it.
                    index = position
                    break words
                } else {
                    // A quoted field: find its closing quote, counting quoted line feeds.
                    var quotedLine = line
                    let quote = CSVWord.nextQuote(base, from: position &+ 1, limit: limit, lines: &quotedLine)
                    let closing = quote < limit ? quote : -1
                    let after = closing &+ 1
                    guard closing >= 0, after < limit else {
                        index = valueStart
                        break words
                    }
                    let next = base[after]
                    let field = CSVFieldSpan(start: position &+ 1, count: closing &- position &- 1, inScratch: false)
                    if next == delimiter {
                        spans.append(field)
                        line = quotedLine
                        valueStart = after &+ 1
                        index = valueStart
                        continue words
                    } else if next == CSVByte.lineFeed {
                        spans.append(field)
                        return finishRecord(at: after &+ 1, terminator: 1, line: quotedLine &+ 1)
                    } else if next == CSVByte.carriageReturn && after &+ 1 < limit
                        && base[after &+ 1] == CSVByte.lineFeed {
                        spans.append(field)
                        return finishRecord(at: after &+ 2, terminator: 2, line: quotedLine &+ 1)
                    }
                    // A doubled quote, or something after the closing quote: the machine takes the field.
                    index = valueStart
                    break words
                }
                hits &= hits &- 1
            }
            index &+= 8
        }
        if index > valueStart {
            state = .unquoted
        } else {
            index = valueStart
        }

        while true {
            if index == limit {
                if try fill() {
                    base = UnsafePointer<UInt8>(storage.assumingMemoryBound(to: UInt8.self)) + recordStart
                    limit = dataEnd - recordStart
                    continue
                }
                if endsInsideRecord {
                    throw recordTooLong()
                }
                switch state {
                case .fieldStart: spans.append(CSVFieldSpan(start: index, count: 0, inScratch: false))
                case .unquoted: spans.append(CSVFieldSpan(start: valueStart, count: index - valueStart, inScratch: false))
                case .quoted:
                    throw CSVError(kind: .unterminatedQuotedField, line: quoteLine, text: "unterminated quoted field")
                case .quoteInQuoted: appendQuotedField(valueStart, index - 1, hasEscapes, into: &spans)
                case .closedCR: appendQuotedField(valueStart, index - 2, hasEscapes, into: &spans)
                }
                recordEnd = recordStart + index
                nextLine = line
                return
            }
            var byte = base[index]
            switch state {
            case .fieldStart:
                if byte == CSVByte.quote {
                    state = .quoted
                    hasEscapes = false
                    quoteLine = line
                    index += 1
                    valueStart = index
                } else if byte == delimiter {
                    spans.append(CSVFieldSpan(start: index, count: 0, inScratch: false))
                    index += 1
                } else if byte == CSVByte.lineFeed {
                    spans.append(CSVFieldSpan(start: index, count: 0, inScratch: false))
                    return finishRecord(at: index + 1, terminator: 1, line: line + 1)
                } else {
                    // The byte starts an unquoted value: scan it at once.
                    state = .unquoted
                    valueStart = index
                    fallthrough
                }
            case .unquoted:
                // Eight bytes at a time while they fit, then byte by byte; stops on the first
                // delimiter, line feed or quote.
                while index < limit {
                    if index &+ 8 <= limit {
                        let word = CSVWord.load(base + index)
                        let hits = CSVWord.matches(word, delimiterWord) | CSVWord.matches(word, lineFeedWord)
                            | CSVWord.matches(word, quoteWord)
                        if hits == 0 {
                            index &+= 8
                            continue
                        }
                        index &+= hits.trailingZeroBitCount &>> 3
                    }
                    byte = base[index]
                    if byte == delimiter || byte == CSVByte.lineFeed || byte == CSVByte.quote { break }
                    index += 1
                }
                if index == limit { continue }
                if byte == CSVByte.quote && index == valueStart + 1 && base[valueStart] == CSVByte.equals {
                    // Excel's formula text `="…"`: the `=` is dropped and the field starts again at the
                    // quote, as a quoted field read as its text.
                    state = .fieldStart
                } else if byte == delimiter {
                    spans.append(CSVFieldSpan(start: valueStart, count: index - valueStart, inScratch: false))
                    state = .fieldStart
                    index += 1
                } else if byte == CSVByte.lineFeed {
                    var end = index
                    var terminator = 1
                    if end > valueStart && base[end - 1] == CSVByte.carriageReturn {
                        end -= 1
                        terminator = 2
                    }
                    spans.append(CSVFieldSpan(start: valueStart, count: end - valueStart, inScratch: false))
                    return finishRecord(at: index + 1, terminator: terminator, line: line + 1)
                } else {
                    throw CSVError(kind: .quoteInUnquotedField, line: line, text: "quote inside unquoted field")
                }
            case .quoted:
                index = CSVWord.nextQuote(base, from: index, limit: limit, lines: &line)
                if index == limit { continue }
                state = .quoteInQuoted
                index += 1
            case .quoteInQuoted:
                if byte == CSVByte.quote {
                    hasEscapes = true
                    state = .quoted
                    index += 1
                } else if byte == delimiter {
                    appendQuotedField(valueStart, index - 1, hasEscapes, into: &spans)
                    state = .fieldStart
                    index += 1
                } else if byte == CSVByte.lineFeed {
                    appendQuotedField(valueStart, index - 1, hasEscapes, into: &spans)
                    return finishRecord(at: index + 1, terminator: 1, line: line + 1)
                } else if byte == CSVByte.carriageReturn {
                    state = .closedCR
                    index += 1
                } else {
                    throw CSVError(kind: .characterAfterClosingQuote, line: line,
                                   text: "unexpected character after closing quote")
                }
            case .closedCR:
                if byte == CSVByte.lineFeed {
                    appendQuotedField(valueStart, index - 2, hasEscapes, into: &spans)
                    return finishRecord(at: index + 1, terminator: 2, line: line + 1)
                }
                throw CSVError(kind: .characterAfterClosingQuote, line: line,
                               text: "unexpected character after closing quote")
            }
        }
    }

    /// The current record is longer than `maximumRecordSize` (reported at the line where it starts).
    private func recordTooLong() -> CSVError {
        CSVError(kind: .recordTooLong, line: lineNumber, text: "record longer than \(maximumRecordSize) bytes")
    }

    @inline(__always)
    private func finishRecord(at end: Int, terminator: Int, line: Int) {
        recordEnd = recordStart + end
        terminatorLength = terminator
        nextLine = line
    }

    /// Adds a quoted field's value `[start, end)` (inside the quotes), undoing doubled quotes.
    private func appendQuotedField(_ start: Int, _ end: Int, _ hasEscapes: Bool,
                                   into spans: inout CSVSpanList) {
        guard hasEscapes else {
            return spans.append(CSVFieldSpan(start: start, count: end - start, inScratch: false))
        }
        let length = end - start
        growByteBuffer(&scratch, capacity: &scratchCapacity, toHold: scratchCount + length, keeping: scratchCount)
        let source = UnsafePointer<UInt8>(storage.assumingMemoryBound(to: UInt8.self)) + recordStart
        let destination = scratch.assumingMemoryBound(to: UInt8.self)
        let fieldStart = scratchCount
        var from = start
        var to = scratchCount
        while from < end {
            let byte = source[from]
            destination[to] = byte
            to += 1
            from += (byte == CSVByte.quote) ? 2 : 1
        }
        scratchCount = to
        spans.append(CSVFieldSpan(start: fieldStart, count: to - fieldStart, inScratch: true))
    }
}

// MARK: - Reading bytes in memory

extension CSVReader where Source == EmptyByteSource {
    /// A reader over `bytes`, read in place without a copy: the bytes must stay valid and unchanged
    /// while the reader is in use. `CSVBlockReader` cuts an input into such blocks of whole records so
    /// that several threads can parse it.
    ///
    /// - Parameters:
    ///   - delimiter: the field delimiter, or nil to detect it from the first record.
    ///   - firstLine: the line number of the first byte (line numbers in errors count from it).
    ///   - startsInput: whether the bytes begin the input, so that a leading BOM is not data.
    ///   - endsInsideRecord: whether the bytes stop inside a record (`CSVBlock.endsInsideRecord`): the
    ///     end of the bytes is then `.recordTooLong`, not the end of the input.
    public convenience init(borrowing bytes: UnsafeRawBufferPointer, delimiter: UInt8?, firstLine: Int = 1,
                            startsInput: Bool, endsInsideRecord: Bool = false, maximumRecordSize: Int = Int.max) {
        self.init(source: EmptyByteSource(), delimiter: delimiter, bufferSize: 1, maximumRecordSize: maximumRecordSize)
        sourceEnded = true
        self.endsInsideRecord = endsInsideRecord
        nextLine = firstLine
        started = !startsInput
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        storage.deallocate()
        storage = UnsafeMutableRawPointer(mutating: base)
        ownsStorage = false
        capacity = bytes.count
        dataEnd = bytes.count
    }
}
