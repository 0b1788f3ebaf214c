import OptOutTestSupport
import Testing
@testable import OptOutCore

// MARK: - Support

/// What a campaign worker gets from a block: the non-blank records (their ranges) with one column's
/// value, the error if the block is malformed, and the lines the block spans.
struct ColumnRead: Equatable, CustomStringConvertible {
    var records: [Range<Int>] = []
    var values: [[UInt8]] = []
    var error: CSVError?
    var lines = 0

    var description: String {
        "\(zip(records, values).map { "\($0)=\(String(decoding: $1, as: UTF8.self).debugDescription)" }) "
            + "error \(error.map { "\($0.kind) line \($0.line)" } ?? "none") lines \(lines)"
    }

    static func == (a: ColumnRead, b: ColumnRead) -> Bool {
        a.records == b.records && a.values == b.values && a.lines == b.lines
            && a.error?.kind == b.error?.kind && a.error?.line == b.error?.line
    }
}

/// Collects what `CSVColumnScanner` hands over.
struct ColumnCollector: CSVColumnVisitor {
    var read = ColumnRead()

    mutating func visit(record: Range<Int>, value: UnsafeRawBufferPointer) {
        read.records.append(record)
        read.values.append(Array(value))
    }
}

/// Reads `bytes` as `CampaignRowClassifier` does: the scanner as far as it goes, then `CSVReader` from
/// where it stopped. Also returns where the scanner stopped.
func scanColumn(_ bytes: [UInt8], column: Int, delimiter: UInt8 = CSVByte.comma,
                maximumRecordSize: Int = Int.max) -> (read: ColumnRead, scannedTo: Int) {
    bytes.withUnsafeBytes { buffer in
        var collector = ColumnCollector()
        var stop = CSVColumnScanner.Stop(end: 0, lineFeeds: 0)
        if let scanner = CSVColumnScanner(delimiter: delimiter, column: column, maximumRecordSize: maximumRecordSize) {
            stop = scanner.scan(buffer, into: &collector)
        }
        var read = collector.read
        read.lines = stop.lineFeeds
        guard stop.end < bytes.count else { return (read, stop.end) }
        let rest = readColumn(UnsafeRawBufferPointer(rebasing: buffer[stop.end...]), column: column, delimiter: delimiter,
                              firstLine: stop.lineFeeds + 1, maximumRecordSize: maximumRecordSize)
        read.records += rest.records.map { ($0.lowerBound + stop.end)..<($0.upperBound + stop.end) }
        read.values += rest.values
        read.error = rest.error
        read.lines = rest.lines
        return (read, stop.end)
    }
}

/// The reference: `CSVReader` alone.
func readColumn(_ bytes: UnsafeRawBufferPointer, column: Int, delimiter: UInt8, firstLine: Int = 1,
                maximumRecordSize: Int = Int.max) -> ColumnRead {
    var read = ColumnRead()
    let reader = CSVReader(borrowing: bytes, delimiter: delimiter, firstLine: firstLine, startsInput: false,
                           maximumRecordSize: maximumRecordSize)
    do throws(CSVError) {
        while try reader.next() {
            if reader.isBlank { continue }
            let start = reader.rawRecord.baseAddress.map { $0 - bytes.baseAddress! } ?? 0
            read.records.append(start..<(start + reader.rawRecord.count))
            read.values.append(Array(reader.field(column)))
        }
        read.lines = reader.lineNumber - 1
    } catch {
        read.error = error
    }
    return read
}

/// `readColumn` over an array.
func readColumn(_ bytes: [UInt8], column: Int, delimiter: UInt8 = CSVByte.comma,
                maximumRecordSize: Int = Int.max) -> ColumnRead {
    bytes.withUnsafeBytes { readColumn($0, column: column, delimiter: delimiter, maximumRecordSize: maximumRecordSize) }
}

// MARK: - CSVChunk

@Suite struct CSVChunkTests {
    /// The masks byte by byte.
    static func referenceMasks(_ bytes: [UInt8], delimiter: UInt8) -> [UInt64] {
        var masks: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in bytes.prefix(64).enumerated() {
            let bit = UInt64(1) << UInt64(index)
            if byte == CSVByte.quote { masks[0] |= bit }
            if byte == delimiter { masks[1] |= bit }
            if byte == CSVByte.lineFeed { masks[2] |= bit }
            if byte == CSVByte.carriageReturn { masks[3] |= bit }
        }
        return masks
    }

    static func masks(_ chunk: CSVChunk) -> [UInt64] {
        [chunk.quotes, chunk.delimiters, chunk.lineFeeds, chunk.carriageReturns]
    }

    @Test(arguments: [CSVByte.comma, CSVByte.semicolon, CSVByte.tab, CSVByte.pipe, 0x80, 0xFF, 0x00])
    func masksMarkExactlyTheirBytesWhicheverWayTheyAreBuilt(delimiter: UInt8) {
        var random = SeededGenerator(seed: 0xC4A2 ^ UInt64(delimiter))
        let alphabet: [UInt8] = [CSVByte.quote, delimiter, CSVByte.lineFeed, CSVByte.carriageReturn, 0x00, 0x80,
                                 0xFF, 0x7F, 0x01, UInt8(ascii: "a"), 0x22 ^ 0x80, 0x0A ^ 0x80, delimiter ^ 0x80]
        let patterns = CSVChunk.Patterns(delimiter: delimiter)
        for round in 0..<400 {
            let bytes = (0..<64).map { _ in
                random.chance(70) ? alphabet[random.below(alphabet.count)] : UInt8(truncatingIfNeeded: random.next())
            }
            let expected = Self.referenceMasks(bytes, delimiter: delimiter)
            bytes.withUnsafeBytes { buffer in
                #expect(Self.masks(CSVChunk(buffer.baseAddress!, patterns)) == expected, "round \(round)")
                #expect(Self.masks(CSVChunk.loadWords(buffer.baseAddress!, patterns)) == expected, "round \(round)")
                let count = random.below(65)
                let partial = Self.referenceMasks(Array(bytes.prefix(count)), delimiter: delimiter)
                #expect(Self.masks(CSVChunk(partial: buffer.baseAddress!, count: count, patterns)) == partial,
                        "round \(round) partial \(count)")
            }
        }
    }

    @Test func prefixParityMarksTheBytesAfterAnOddNumberOfBits() {
        var random = SeededGenerator(seed: 0x9A41)
        for _ in 0..<500 {
            let mask = random.next() & random.next()
            var expected: UInt64 = 0
            var odd = false
            for bit in 0..<64 {
                if mask & (1 << UInt64(bit)) != 0 { odd.toggle() }
                if odd { expected |= 1 << UInt64(bit) }
            }
            #expect(CSVChunk.prefixParity(mask) == expected)
        }
    }

    @Test func lineFeedCountCountsEveryLineFeed() {
        var random = SeededGenerator(seed: 0x11F)
        // Long runs of line feeds check the byte lanes are summed before they overflow.
        for count in [0, 1, 7, 8, 15, 16, 17, 63, 64, 65, 255 * 16, 255 * 16 + 1, 5000, 70_000] {
            let dense = [UInt8](repeating: CSVByte.lineFeed, count: count)
            #expect(dense.withUnsafeBytes { CSVChunk.lineFeedCount(in: $0) } == count)
            let mixed = (0..<count).map { _ in random.chance(30) ? CSVByte.lineFeed : UInt8(truncatingIfNeeded: random.next() | 1) }
            let expected = mixed.count(where: { $0 == CSVByte.lineFeed })
            #expect(mixed.withUnsafeBytes { CSVChunk.lineFeedCount(in: $0) } == expected, "count \(count)")
        }
    }
}

extension CSVChunkTests {
    @Test func quoteParityCountsEveryQuote() {
        var random = SeededGenerator(seed: 0x9A7)
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 31, 64, 100, 1000, 4099] {
            for _ in 0..<20 {
                let bytes = (0..<count).map { _ in random.chance(20) ? CSVByte.quote : UInt8(truncatingIfNeeded: random.next()) }
                let odd = bytes.count(where: { $0 == CSVByte.quote }) % 2 == 1
                #expect(bytes.withUnsafeBytes { CSVChunk.hasOddQuoteCount(in: $0) } == odd, "count \(count)")
            }
        }
    }
}

// MARK: - CSVColumnScanner

@Suite struct CSVColumnScannerTests {
    /// Rows like a campaign's, with a quoted city holding the delimiter, doubled quotes in a note, a
    /// quoted line feed and CRLF: all of it is the scanner's to read, far past the first chunks.
    static let campaign: String = (1...40).map { index in
        let city = index % 3 == 0 ? "\"Guadalajara, Jal.\"" : "Madrid"
        let note = index % 4 == 0 ? "\"VIP, prefers \"\"evening\"\" calls\"" : (index % 5 == 0 ? "\"two\nlines\"" : "")
        let end = index % 7 == 0 ? "\r\n" : "\n"
        return "\(index),José,O'Brien,jose.\(index)@example.com,+52 55 \(1000 + index) 0000,\(city),\(note)\(end)"
    }.joined()

    /// Checks the scanner, with `CSVReader` taking over where it stops, reads `text` as `CSVReader` does.
    @discardableResult
    func check(_ bytes: [UInt8], column: Int, delimiter: UInt8 = CSVByte.comma, maximumRecordSize: Int = Int.max,
               _ context: String) -> Int {
        let (read, scannedTo) = scanColumn(bytes, column: column, delimiter: delimiter, maximumRecordSize: maximumRecordSize)
        let expected = readColumn(bytes, column: column, delimiter: delimiter, maximumRecordSize: maximumRecordSize)
        #expect(read == expected, "\(context)")
        return scannedTo
    }

    @Test func readsAWholeCampaignItselfAndAgreesWithTheReader() {
        let bytes = Array(Self.campaign.utf8)
        for column in 0..<9 {
            let scannedTo = check(bytes, column: column, "column \(column)")
            // Column 6 holds doubled quotes from record 4 on: a value for the reader to unescape.
            let expected = column == 6 ? readColumn(bytes, column: 6).records[3].lowerBound : bytes.count
            #expect(scannedTo == expected, "column \(column): the scanner stopped at \(scannedTo)")
        }
        let (read, _) = scanColumn(bytes, column: 4)
        #expect(read.records.count == 40)
        #expect(String(decoding: read.values[6], as: UTF8.self) == "+52 55 1007 0000")
        #expect(read.lines == bytes.count(where: { $0 == CSVByte.lineFeed }))
    }

    @Test(arguments: CSVBlockReaderTests.trickyInputs + FuzzSeeds.csv)
    func agreesWithTheReaderOnTrickyInputs(input: String) {
        let bytes = Array(input.utf8)
        for delimiter in [CSVByte.comma, CSVByte.semicolon, CSVByte.tab, CSVByte.pipe] {
            for column in 0..<4 {
                check(bytes, column: column, delimiter: delimiter, "\(input.debugDescription) column \(column)")
                // The same input after a long first field, so that its records straddle 64-byte chunks.
                let shifted = Array(String(repeating: "y", count: 61).utf8) + bytes
                check(shifted, column: column, delimiter: delimiter, "shifted \(input.debugDescription) column \(column)")
            }
        }
    }

    @Test func agreesWithTheReaderOnMutatedInputs() {
        let maker = FuzzInputMaker(seeds: FuzzSeeds.csv + [Self.campaign], tokens: ["\"", "\"\"", ",\"", "\",", "\r\n", "\"\r\n", "\"\r"])
        var random = SeededGenerator(seed: FuzzConfiguration.seed ^ 0x5CA7)
        for index in 0..<FuzzConfiguration.cases {
            let bytes = maker.make(&random)
            let column = random.below(6)
            let limit = random.chance(20) ? 1 + random.below(200) : Int.max
            check(bytes, column: column, maximumRecordSize: limit, "case \(index) \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test func stopsAtWhatOnlyTheReaderCanJudge() {
        // Malformed quotes: the reader reports them, at their line.
        let prefix = String(repeating: "1,a,+15551234567\n", count: 5)
        for bad in ["2,b\"c,+1555\n", "2,\"b\"c,+1555\n", "2,\"b\"\r3,+1555\n", "2,\"never closed\n3,x\n"] {
            let bytes = Array((prefix + bad + prefix).utf8)
            let scannedTo = check(bytes, column: 2, "\(bad.debugDescription)")
            #expect(scannedTo <= prefix.utf8.count, "\(bad.debugDescription)")
            #expect(scanColumn(bytes, column: 2).read.error?.line == 6, "\(bad.debugDescription)")
        }
        // A value with doubled quotes needs unescaping, which the reader does; the rows before it are
        // the scanner's.
        let escaped = Array((prefix + "2,x,\"+1 \"\"555\"\" 1234567\"\n" + prefix).utf8)
        #expect(check(escaped, column: 2, "escaped value") == prefix.utf8.count)
        #expect(scanColumn(escaped, column: 2).read.values[5] == Array("+1 \"555\" 1234567".utf8))
        // A record longer than the limit: the reader's error.
        let long = Array((prefix + "2,x," + String(repeating: "9", count: 300) + "\n").utf8)
        check(long, column: 2, maximumRecordSize: 100, "long record")
        #expect(scanColumn(long, column: 2, maximumRecordSize: 100).read.error?.kind == .recordTooLong)
        // A last record without a line feed.
        let unterminated = Array((prefix + "2,x,+15559876543").utf8)
        #expect(check(unterminated, column: 2, "unterminated") == prefix.utf8.count)
    }

    @Test func valuesLoseTheirQuotesAndTheirCarriageReturn() {
        let text = "a,\"+1 555\",x\r\n\"b\",c,\"+1 (555)\"\r\nd,e,f\r\n\r\n\n,,\r\n"
        let (read, scannedTo) = scanColumn(Array(text.utf8), column: 2)
        #expect(scannedTo == text.utf8.count)
        #expect(read.values.map { String(decoding: $0, as: UTF8.self) } == ["x", "+1 (555)", "f", ""])
        let (second, _) = scanColumn(Array(text.utf8), column: 1)
        #expect(second.values.map { String(decoding: $0, as: UTF8.self) } == ["+1 555", "c", "e", ""])
        #expect(read.lines == 6)
    }

    @Test func delimitersTheMasksCannotSeparateAreLeftToTheReader() {
        for delimiter in [CSVByte.quote, CSVByte.lineFeed, CSVByte.carriageReturn] {
            #expect(CSVColumnScanner(delimiter: delimiter, column: 0, maximumRecordSize: 10) == nil)
        }
        #expect(CSVColumnScanner(delimiter: CSVByte.comma, column: -1, maximumRecordSize: 10) == nil)
    }
}
