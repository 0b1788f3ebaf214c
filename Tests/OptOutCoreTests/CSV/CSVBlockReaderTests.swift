import OptOutTestSupport
import Testing
@testable import OptOutCore

// MARK: - Support

/// One block as `CSVBlockReader` cut it.
struct CutBlock: Equatable, CustomStringConvertible {
    var bytes: [UInt8]
    var startsInput: Bool

    var description: String { "\(startsInput ? "first " : "")\(String(decoding: bytes, as: UTF8.self).debugDescription)" }
}

/// Cuts `bytes` into blocks, refilling one `CSVBlock` the way `CampaignFilter` does.
func cutBlocks<Source: ByteSource>(_ source: Source, blockSize: Int, maximumRecordSize: Int = Int.max)
    throws(CSVError) -> [CutBlock]
{
    let reader = CSVBlockReader(source: source, blockSize: blockSize, maximumRecordSize: maximumRecordSize)
    let block = CSVBlock(capacity: blockSize)
    var blocks: [CutBlock] = []
    while try reader.next(into: block) {
        blocks.append(CutBlock(bytes: Array(block.bytes), startsInput: block.startsInput))
        // Guards the test against a reader that never ends.
        if blocks.count > 100_000 { break }
    }
    #expect(block.count == 0)
    #expect(try reader.next(into: block) == false)
    return blocks
}

/// `cutBlocks` over a `MemoryByteSource`.
func cutBlocks(_ bytes: [UInt8], blockSize: Int, chunkLimit: Int = Int.max, maximumRecordSize: Int = Int.max)
    throws(CSVError) -> [CutBlock]
{
    try cutBlocks(MemoryByteSource(bytes, chunkLimit: chunkLimit), blockSize: blockSize,
                  maximumRecordSize: maximumRecordSize)
}

/// Parses each block on its own with `CSVReader(borrowing:)`, numbering lines from the lines of the
/// blocks before it, as a worker thread does; the records of all blocks in order.
func parseBlocks(_ blocks: [CutBlock], delimiter: UInt8?) throws(CSVError) -> ParsedInput {
    var records: [ParsedRecord] = []
    var linesBefore = 0
    var detected = delimiter ?? CSVByte.comma
    for block in blocks {
        var failure: CSVError?
        block.bytes.withUnsafeBytes { bytes in
            let reader = CSVReader(borrowing: bytes, delimiter: block.startsInput ? delimiter : detected,
                                   firstLine: linesBefore + 1, startsInput: block.startsInput)
            do throws(CSVError) {
                while try reader.next() {
                    let fields = (0..<reader.fieldCount).map { Array(reader.field($0)) }
                    records.append(ParsedRecord(fields: fields, raw: Array(reader.rawRecord), line: reader.lineNumber,
                                                blank: reader.isBlank))
                }
                if block.startsInput { detected = reader.delimiter }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        linesBefore += block.bytes.count(where: { $0 == CSVByte.lineFeed })
    }
    return ParsedInput(delimiter: detected, records: records)
}

/// The number of `"` in `bytes`.
func quoteCount(_ bytes: [UInt8]) -> Int { bytes.count(where: { $0 == CSVByte.quote }) }

/// A byte source that hands out `bytes`, then fails.
struct FailingByteSource: ByteSource {
    static let failure = OptOutIOError(kind: .io, message: "cannot read 'in.csv': Input/output error", errorNumber: 5)
    var bytes: [UInt8]
    var chunkLimit: Int
    var offset = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(OptOutIOError) -> Int {
        let count = min(buffer.count, bytes.count - offset, chunkLimit)
        guard count > 0 else { throw Self.failure }
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}

// MARK: - CSVBlockReaderTests

@Suite struct CSVBlockReaderTests {
    /// Inputs whose record ends a cut could get wrong. The quoted line feeds of the last three sit at
    /// offsets 6, 63 and 1…8: the last byte of a first block of 7, 64, and 1, 2, 3 bytes.
    static let trickyInputs: [String] = [
        "name,phone,note\n\"Smith, J\",\"+1 555\",\"a,b,c\"\nA,B,C\n",
        "a,\"say \"\"hi\"\"\",c\n\"\"\"\",x,\"\"\n\"\"\"\"\"\",\"\",\"a\"\"\"\n",
        "id,note\n1,\"line1\nline2\"\n2,\"x\r\ny\"\r\n3,\"\n\"\n4,\"\r\n\r\n\"\r\n",
        "a,b\r\nc,d\r\ne,f\r\n\"g\",\"h\"\r\n",
        "a,b\nc,d",
        "a,b\nc,\"d\ne\"",
        "\u{FEFF}phone;name\n1;x\n\"2\";\"y;z\"\n",
        "\u{FEFF}\"phone\",name\r\n\r\n1,x\r\n",
        "a\n\n\nb\n\n",
        "\n\n\n",
        "x",
        "\"\n\"",
        "abc,\"d\ne\"\nfgh,\"i\nj\"\n",
        String(repeating: "x", count: 58) + ",\"abc\ndef\"\nnext,row\n",
        "\"\n\n\n\n\n\n\n\n\"\n\"\"\n\"\n\n\",\"\n\"\n",
        "é,\"ü\n\"\"ö\"\"\r\n\"\nñ,\"\",\"\"\"\"\n",
    ]

    static let blockSizes = [1, 2, 3, 7, 64, 1 << 16]
    static let chunkLimits = [1, 5, Int.max]

    /// Checks every property of a cut against `input`; returns the blocks.
    @discardableResult
    func checkCut(_ input: [UInt8], blockSize: Int, chunkLimit: Int, _ context: String) throws -> [CutBlock] {
        let blocks = try cutBlocks(input, blockSize: blockSize, chunkLimit: chunkLimit)
        #expect(blocks.flatMap(\.bytes) == input, "\(context): blocks concatenate to the input")
        #expect(blocks.map(\.startsInput) == blocks.indices.map { $0 == 0 }, "\(context): startsInput")
        for (index, block) in blocks.enumerated() {
            #expect(!block.bytes.isEmpty, "\(context): block \(index) is empty")
            guard index < blocks.count - 1 else { continue }
            #expect(block.bytes.last == CSVByte.lineFeed, "\(context): block \(index) \(block) ends with LF")
            #expect(quoteCount(block.bytes) % 2 == 0, "\(context): block \(index) \(block) ends outside quotes")
        }
        let whole = try parseCSV(input, chunkLimit: chunkLimit)
        let parts = try parseBlocks(blocks, delimiter: nil)
        #expect(parts == whole, "\(context): records parsed block by block")
        return blocks
    }

    @Test(arguments: trickyInputs)
    func blocksAreWholeRecordsThatParseLikeTheInput(input: String) throws {
        for blockSize in Self.blockSizes {
            for chunkLimit in Self.chunkLimits {
                try checkCut(Array(input.utf8), blockSize: blockSize, chunkLimit: chunkLimit,
                             "\(input.debugDescription) block \(blockSize) chunk \(chunkLimit)")
            }
        }
    }

    @Test func smallBlocksHoldOneRecordEach() throws {
        // With blocks of 1 byte every record is a block of its own: the cut is at the first record end.
        let input = Array(TestCSV.quoted.utf8)
        let blocks = try checkCut(input, blockSize: 1, chunkLimit: 1, "quoted")
        #expect(blocks.map { String(decoding: $0.bytes, as: UTF8.self) } == [
            "id,note\n", "1,\"a\nb\"\n", "2,\"c,\"\"d\"\"\"\r\n", "\n", "3,e",
        ])
    }

    @Test func randomInputsCutAnywhereParseTheSame() throws {
        var random = SeededGenerator(seed: 0xB10C)
        let pieces = ["a", "bc", ",", "\n", "\r\n", "\"q\"", "\"x,y\"", "\"l\nm\"", "\"r\r\ns\"", "\"\"\"\"", "é", "\u{FEFF}"]
        for case_ in 0..<60 {
            var text = ""
            for _ in 0..<random.below(40) {
                let piece = pieces[random.below(pieces.count)]
                // A quoted piece only where a field starts, so that the input stays valid CSV.
                if piece.hasPrefix("\""), let last = text.utf8.last, last != UInt8(ascii: ","), last != CSVByte.lineFeed {
                    text += ","
                }
                if !piece.hasPrefix("\""), text.utf8.last == CSVByte.quote { text += "," }
                text += piece
            }
            for blockSize in [1, 3, 7] {
                for chunkLimit in [1, 5, Int.max] {
                    try checkCut(Array(text.utf8), blockSize: blockSize, chunkLimit: chunkLimit,
                                 "case \(case_) \(text.debugDescription) block \(blockSize) chunk \(chunkLimit)")
                }
            }
        }
    }

    // MARK: - Exact cuts

    @Test func blocksEndAtTheLastRecordEndOfWhatWasRead() throws {
        func cut(_ text: String, _ blockSize: Int) throws -> [String] {
            try cutBlocks(Array(text.utf8), blockSize: blockSize).map { String(decoding: $0.bytes, as: UTF8.self) }
        }
        #expect(try cut("a\nb\nc\nd\n", 4) == ["a\nb\n", "c\nd\n"])
        #expect(try cut("a\nb\nc\nd\n", 3) == ["a\n", "b\n", "c\n", "d\n"])
        #expect(try cut("ab\ncd\nef\n", 5) == ["ab\n", "cd\n", "ef\n"])
        // A record longer than a block makes the block grow to its end (and what came with it).
        #expect(try cut("abcdefgh\nij\n", 4) == ["abcdefgh\nij\n"])
        // A line feed inside quotes is not a record end.
        #expect(try cut("a,\"b\nc\"\nd\n", 4) == ["a,\"b\nc\"\n", "d\n"])
        #expect(try cut("a\nb", 1 << 16) == ["a\nb"])
    }

    @Test func emptyInputHasNoBlocks() throws {
        let reader = CSVBlockReader(source: MemoryByteSource([UInt8]()), blockSize: 8)
        let block = CSVBlock(capacity: 8)
        #expect(try reader.next(into: block) == false)
        #expect(block.count == 0)
        #expect(block.startsInput)
        #expect(try reader.next(into: block) == false)
        #expect(block.startsInput == false)
    }

    @Test func blockSizeAndRecordLimitAreAtLeastOne() {
        let reader = CSVBlockReader(source: MemoryByteSource("a\n"), blockSize: 0, maximumRecordSize: -5)
        #expect(reader.blockSize == 1)
        #expect(reader.maximumRecordSize == 1)
    }

    // MARK: - Errors

    @Test(arguments: [1, 5, Int.max])
    func recordLongerThanTheLimitEndsTheBlocksAndIsReportedWhereItStarts(chunkLimit: Int) throws {
        // 200 bytes: however much a read brings, more than 32 bytes arrive before the record ends.
        let long = "\"" + String(repeating: "y", count: 100) + "\n" + String(repeating: "z", count: 97) + "\"\n"
        let input = Array(("a,b\n" + long + "c\n").utf8)
        for blockSize in [1, 3, 8, 16] {
            var blocks: [(bytes: [UInt8], endsInsideRecord: Bool)] = []
            let reader = CSVBlockReader(source: MemoryByteSource(input, chunkLimit: chunkLimit), blockSize: blockSize,
                                        maximumRecordSize: 32)
            let block = CSVBlock(capacity: blockSize)
            while try reader.next(into: block) {
                blocks.append((Array(block.bytes), block.endsInsideRecord))
            }
            // The records before the long one come out whole; then a last block stopping inside the
            // long record (more than 32 of its bytes); nothing after it.
            let context = "block \(blockSize) chunk \(chunkLimit)"
            try #require(blocks.count == 2, Comment(rawValue: context))
            #expect(blocks[0].bytes == Array("a,b\n".utf8) && !blocks[0].endsInsideRecord, Comment(rawValue: context))
            #expect(blocks[1].endsInsideRecord, Comment(rawValue: context))
            #expect(blocks[1].bytes.count > 32 && input[4...].starts(with: blocks[1].bytes), Comment(rawValue: context))
            // Parsing that block reports the record as too long, at its first line.
            blocks[1].bytes.withUnsafeBytes { bytes in
                let reader = CSVReader(borrowing: bytes, delimiter: UInt8(ascii: ","), startsInput: false,
                                       endsInsideRecord: true, maximumRecordSize: 32)
                #expect(throws: CSVError(kind: .recordTooLong, line: 1, text: "record longer than 32 bytes"),
                        Comment(rawValue: context)) { _ = try reader.next() }
            }
        }
        // The error moved to the whole input names the line where the long record starts.
        let error = CSVError(kind: .recordTooLong, line: 1, text: "record longer than 32 bytes").movedDown(by: 1)
        #expect(error.message == "line 2: record longer than 32 bytes")
    }

    @Test func recordsWithinTheLimitAreCut() throws {
        // 31 bytes and its line feed: exactly 32.
        let record = String(repeating: "r", count: 31) + "\n"
        let input = Array((record + record + "x\n").utf8)
        for blockSize in [1, 8, 32] {
            for chunkLimit in [1, 5, Int.max] {
                let blocks = try cutBlocks(input, blockSize: blockSize, chunkLimit: chunkLimit, maximumRecordSize: 32)
                #expect(blocks.flatMap(\.bytes) == input, "block \(blockSize) chunk \(chunkLimit)")
            }
        }
    }

    @Test(arguments: [1, 5, Int.max])
    func readFailureSurfacesAsReadFailed(chunkLimit: Int) {
        func blocksThenFailure(_ text: String) -> ([String], CSVError?) {
            let reader = CSVBlockReader(source: FailingByteSource(bytes: Array(text.utf8), chunkLimit: chunkLimit),
                                        blockSize: 4)
            let block = CSVBlock(capacity: 4)
            var blocks: [String] = []
            do {
                while try reader.next(into: block) { blocks.append(String(decoding: block.bytes, as: UTF8.self)) }
            } catch {
                return (blocks, error)
            }
            return (blocks, nil)
        }
        let expected = CSVError(readError: FailingByteSource.failure, line: 1)
        // Whole records read before the failure come out first.
        let complete = blocksThenFailure("a,b\nc,d\n")
        #expect(complete.0 == ["a,b\n", "c,d\n"], "chunk \(chunkLimit)")
        #expect(complete.1 == expected, "chunk \(chunkLimit)")
        #expect(complete.1?.kind == .readFailed)
        #expect(complete.1?.readError == FailingByteSource.failure)
        #expect(complete.1?.message == "cannot read 'in.csv': Input/output error")
        let partial = blocksThenFailure("a,b\nc,d")
        #expect(partial.0 == ["a,b\n"], "chunk \(chunkLimit)")
        #expect(partial.1 == expected, "chunk \(chunkLimit)")
    }

    @Test func malformedBlocksFailWhereTheWholeInputFails() throws {
        // Cut into blocks, the first failing block's error, moved down by the lines before it, is the
        // error of a sequential read.
        let inputs = [
            "phone,note\n1,ok\n2,\"ok\nstill\"\n3,b\"ad\n4,\"x\"\n5,y\n",
            "phone,note\n1,ok\n2,\"a\"b\n3,c\n",
            "phone,note\n1,\"ok\"\r\n2,\"\"\n3,\"never closed\n4,x\n5,y\n",
            "phone\n1\n\n2\n3\"\n",
        ]
        for input in inputs {
            let expected = try #require(csvError(input), "\(input.debugDescription)")
            for blockSize in Self.blockSizes {
                for chunkLimit in Self.chunkLimits {
                    let blocks = try cutBlocks(Array(input.utf8), blockSize: blockSize, chunkLimit: chunkLimit)
                    #expect(blocks.flatMap(\.bytes) == Array(input.utf8))
                    #expect(throws: expected, "\(input.debugDescription) block \(blockSize) chunk \(chunkLimit)") {
                        _ = try parseBlocks(blocks, delimiter: nil)
                    }
                }
            }
        }
        #expect(csvError(inputs[0])?.message == "line 5: quote inside unquoted field")
        #expect(csvError(inputs[1])?.message == "line 3: unexpected character after closing quote")
        #expect(csvError(inputs[2])?.message == "line 4: unterminated quoted field")
        #expect(csvError(inputs[3])?.message == "line 5: quote inside unquoted field")
    }
}

// MARK: - Inputs

enum TestCSV {
    static let quoted = "id,note\n1,\"a\nb\"\n2,\"c,\"\"d\"\"\"\r\n\n3,e"
}

// MARK: - CSVErrorMovedDownTests

@Suite struct CSVErrorMovedDownTests {
    @Test func malformedInputMovesLineAndMessage() {
        let error = CSVError(kind: .quoteInUnquotedField, line: 3, text: "quote inside unquoted field")
        #expect(error.message == "line 3: quote inside unquoted field")
        let moved = error.movedDown(by: 7)
        #expect(moved.kind == .quoteInUnquotedField)
        #expect(moved.line == 10)
        #expect(moved.message == "line 10: quote inside unquoted field")
        #expect(moved.description == "line 10: quote inside unquoted field")
        #expect(moved.readError == nil)
        #expect(moved == CSVError(kind: .quoteInUnquotedField, line: 10, text: "quote inside unquoted field"))
        #expect(error.movedDown(by: 0) == error)
        #expect(moved.movedDown(by: 5).message == "line 15: quote inside unquoted field")
    }

    @Test func everyKindKeepsItsText() {
        let kinds: [(CSVError.Kind, String)] = [
            (.unterminatedQuotedField, "unterminated quoted field"),
            (.characterAfterClosingQuote, "unexpected character after closing quote"),
            (.recordTooLong, "record longer than 32 bytes"),
        ]
        for (kind, text) in kinds {
            let moved = CSVError(kind: kind, line: 1, text: text).movedDown(by: 99)
            #expect(moved == CSVError(kind: kind, line: 100, text: text))
            #expect(moved.message == "line 100: \(text)")
        }
    }

    @Test func readFailureKeepsItsMessage() {
        let io = OptOutIOError(kind: .io, message: "cannot read 'big.csv': Input/output error", errorNumber: 5)
        let moved = CSVError(readError: io, line: 1).movedDown(by: 41)
        #expect(moved.kind == .readFailed)
        #expect(moved.line == 42)
        #expect(moved.message == "cannot read 'big.csv': Input/output error")
        #expect(moved.readError == io)
        #expect(moved == CSVError(readError: io, line: 42))
    }

    @Test func blockErrorMovedDownIsTheWholeInputError() throws {
        // Line 3 of a block that starts on line 8 of the input.
        let block = Array("ok,1\n\"a\nb\",2\nbad\"quote,3\n".utf8)
        var blockError: CSVError?
        block.withUnsafeBytes { bytes in
            let reader = CSVReader(borrowing: bytes, delimiter: CSVByte.comma, startsInput: false)
            do throws(CSVError) { while try reader.next() {} } catch { blockError = error }
        }
        #expect(blockError?.message == "line 4: quote inside unquoted field")
        let whole = String(repeating: "x,0\n", count: 7) + String(decoding: block, as: UTF8.self)
        #expect(blockError?.movedDown(by: 7) == csvError(whole))
        #expect(csvError(whole)?.message == "line 11: quote inside unquoted field")
    }
}
