import Testing
@testable import OptOutCore

// MARK: - Reading records

@Suite struct CSVReaderTests {
    @Test func quotedFieldsHoldDelimitersDoubledQuotesAndNewlines() throws {
        let input = "name,phone,note\n\"Smith, J\",\"+1 555\",\"said \"\"hi\"\"\nthen left\"\nA,B,C\n"
        let parsed = try parseCSV(input)
        #expect(parsed.delimiter == UInt8(ascii: ","))
        #expect(parsed.strings == [
            ["name", "phone", "note"],
            ["Smith, J", "+1 555", "said \"hi\"\nthen left"],
            ["A", "B", "C"],
        ])
        #expect(parsed.records.map(\.line) == [1, 2, 4])
        #expect(parsed.records.map { String(decoding: $0.raw, as: UTF8.self) } == [
            "name,phone,note\n",
            "\"Smith, J\",\"+1 555\",\"said \"\"hi\"\"\nthen left\"\n",
            "A,B,C\n",
        ])
    }

    @Test func excelsSeparatorLineAndFormulaTextWhateverTheReads() throws {
        let input = "\u{FEFF}sep=;\r\nname;phone\r\nAna;=\"+52 55 1234 5678\"\r\n;;\r\nBo;=\"a;\"\"b\"\"\"\n"
        for (buffer, chunk) in [(1 << 16, Int.max), (1, 1), (3, 2), (7, 5)] {
            let parsed = try parseCSV(input, bufferSize: buffer, chunkLimit: chunk)
            #expect(parsed.delimiter == UInt8(ascii: ";"), "buffer \(buffer)")
            #expect(parsed.strings == [["name", "phone"], ["Ana", "+52 55 1234 5678"], ["", "", ""], ["Bo", "a;\"b\""]], "buffer \(buffer)")
            #expect(parsed.records.map(\.line) == [2, 3, 4, 5], "buffer \(buffer)")
            #expect(String(decoding: parsed.records[0].raw, as: UTF8.self) == "\u{FEFF}sep=;\r\nname;phone\r\n", "the hint stays in the raw record")
        }
        // A given delimiter wins; the line is still not the header.
        #expect(try parseCSV("sep=;\na,b\n", delimiter: UInt8(ascii: ",")).strings == [["a", "b"]])
        // Not a hint: no line end right after the delimiter, or a quote for one.
        #expect(try parseCSV("sep=;x\na\n").strings == [["sep=", "x"], ["a"]])
        #expect(csvError("sep=\"\na\n")?.kind == .quoteInUnquotedField)
        // `=` not followed by a quote at the field's start is data; a quote later is still an error.
        #expect(try parseCSV("a,b\n=1+2,x=\n").strings == [["a", "b"], ["=1+2", "x="]])
        #expect(csvError("a,b\nx=\"1\",y\n")?.kind == .quoteInUnquotedField)
    }

    @Test func crlfLfAndMixedTerminators() throws {
        let parsed = try parseCSV("a,b\r\nc,d\ne,f\r\n\"g\",\"h\"\r\n\"i\"\n")
        #expect(parsed.strings == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"], ["i"]])
        #expect(parsed.records.map { String(decoding: $0.raw, as: UTF8.self) } ==
            ["a,b\r\n", "c,d\n", "e,f\r\n", "\"g\",\"h\"\r\n", "\"i\"\n"])
        #expect(parsed.records.map(\.line) == [1, 2, 3, 4, 5])
    }

    @Test func bareCarriageReturnIsData() throws {
        let parsed = try parseCSV("a\rb,c\n")
        #expect(parsed.strings == [["a\rb", "c"]])
    }

    @Test func byteOrderMarkIsSkippedInValueButKeptInRaw() throws {
        let parsed = try parseCSV("\u{FEFF}phone,name\n1,x\n")
        #expect(parsed.strings == [["phone", "name"], ["1", "x"]])
        #expect(parsed.records[0].raw == [0xEF, 0xBB, 0xBF] + Array("phone,name\n".utf8))
        let quoted = try parseCSV("\u{FEFF}\"phone\";name\n")
        #expect(quoted.delimiter == UInt8(ascii: ";"))
        #expect(quoted.strings == [["phone", "name"]])
    }

    @Test func byteOrderMarkOnlyInFirstRecord() throws {
        let parsed = try parseCSV("a\n\u{FEFF}b\n")
        #expect(parsed.records[1].fields == [[0xEF, 0xBB, 0xBF, UInt8(ascii: "b")]])
    }

    @Test(arguments: [(",", UInt8(ascii: ",")), (";", UInt8(ascii: ";")), ("\t", UInt8(ascii: "\t")),
                      ("|", UInt8(ascii: "|"))])
    func delimiterIsDetectedFromHeader(separator: String, expected: UInt8) throws {
        let other = separator == "," ? ";" : ","
        let input = ["name", "phone", "note\(other)x"].joined(separator: separator) + "\n"
            + ["Ann", "+1", "y"].joined(separator: separator) + "\n"
        let parsed = try parseCSV(input)
        #expect(parsed.delimiter == expected)
        #expect(parsed.strings == [["name", "phone", "note\(other)x"], ["Ann", "+1", "y"]])
    }

    @Test func delimiterDetectionIgnoresQuotedBytesAndFallsBackToComma() throws {
        #expect(try parseCSV("\"a;b;c\",d\n").delimiter == UInt8(ascii: ","))
        #expect(try parseCSV("phone\n1;2;3\n").delimiter == UInt8(ascii: ","))
        #expect(try parseCSV("a;b|c\n").delimiter == UInt8(ascii: ","))
        #expect(try parseCSV("a;b,c;d\n").delimiter == UInt8(ascii: ";"))
        #expect(try parseCSV("").delimiter == UInt8(ascii: ","))
        // A given delimiter is used as is.
        #expect(try parseCSV("a;b;c,d\n", delimiter: UInt8(ascii: ",")).strings == [["a;b;c", "d"]])
    }

    @Test func delimiterDetectionReadsPastBufferBoundaries() throws {
        let header = String(repeating: "x", count: 100) + ";" + String(repeating: "y", count: 100) + "\n"
        let parsed = try parseCSV(header + "1;2\n", bufferSize: 8, chunkLimit: 5)
        #expect(parsed.delimiter == UInt8(ascii: ";"))
        #expect(parsed.strings[1] == ["1", "2"])
    }

    @Test func excelSemicolonExportWithBOMAndCRLF() throws {
        let input = "\u{FEFF}Name;Phone;Note\r\n\"Müller; Hans\";+49 151 1234567;\"Line1\r\nLine2\"\r\n"
            + "Ana;+34 600 000 000;\r\n"
        let parsed = try parseCSV(input)
        #expect(parsed.delimiter == UInt8(ascii: ";"))
        #expect(parsed.strings == [
            ["Name", "Phone", "Note"],
            ["Müller; Hans", "+49 151 1234567", "Line1\r\nLine2"],
            ["Ana", "+34 600 000 000", ""],
        ])
        #expect(parsed.records.map(\.line) == [1, 2, 4])
        #expect(parsed.records.flatMap(\.raw) == Array(input.utf8))
    }

    @Test func headerOnlyInput() throws {
        #expect(try parseCSV("phone,name\n").strings == [["phone", "name"]])
        let unterminated = try parseCSV("phone,name")
        #expect(unterminated.strings == [["phone", "name"]])
        #expect(unterminated.records[0].raw == Array("phone,name".utf8))
    }

    @Test func emptyInputHasNoRecords() throws {
        let parsed = try parseCSV("")
        #expect(parsed.records.isEmpty)
        let bomOnly = try parseCSV([0xEF, 0xBB, 0xBF])
        #expect(bomOnly.records == [ParsedRecord(fields: [[]], raw: [0xEF, 0xBB, 0xBF], line: 1, blank: true)])
    }

    @Test func lastRecordWithoutTerminator() throws {
        let parsed = try parseCSV("a,b\nc,\"d\"")
        #expect(parsed.strings == [["a", "b"], ["c", "d"]])
        #expect(parsed.records[1].raw == Array("c,\"d\"".utf8))
        #expect(try parseCSV("a,").strings == [["a", ""]])
        #expect(try parseCSV("a,b\n\"x\"\r").strings == [["a", "b"], ["x"]])
    }

    @Test func blankLinesAreRecordsWithOneEmptyField() throws {
        let parsed = try parseCSV("a\n\nb\n\r\n\"\"\nc")
        #expect(parsed.strings == [["a"], [""], ["b"], [""], [""], ["c"]])
        #expect(parsed.records.map(\.blank) == [false, true, false, true, false, false])
        #expect(parsed.records.map(\.line) == [1, 2, 3, 4, 5, 6])
    }

    @Test func emptyFieldsAndTrailingDelimiters() throws {
        #expect(try parseCSV(",a,,\n,\r\n").strings == [["", "a", "", ""], ["", ""]])
        #expect(try parseCSV("\"\",\"\"\n").strings == [["", ""]])
    }

    @Test func nulAndInvalidUTF8AreData() throws {
        let bytes: [UInt8] = [0x61, 0x00, 0x62, 0x2C, 0xFF, 0xFE, 0x0A, 0x22, 0x00, 0xC3, 0x22, 0x0A]
        let parsed = try parseCSV(bytes)
        #expect(parsed.records.map(\.fields) == [[[0x61, 0x00, 0x62], [0xFF, 0xFE]], [[0x00, 0xC3]]])
    }

    @Test func fieldOutOfRangeIsEmpty() throws {
        let reader = CSVReader(source: MemoryByteSource("a,b\n"))
        #expect(reader.fieldCount == 0)
        #expect(reader.field(0).count == 0)
        #expect(try reader.next())
        #expect(reader.fieldCount == 2)
        #expect(reader.field(2).count == 0)
        #expect(reader.field(-1).count == 0)
        #expect(reader.fieldString(1) == "b")
    }

    @Test func longRecordGrowsTheBuffer() throws {
        let long = String(repeating: "0123456789", count: 20_000)
        let input = "h1,h2\n\"\(long)\"\"x\",\(long)\nend,\n"
        let parsed = try parseCSV(input, bufferSize: 16, chunkLimit: 1000)
        #expect(parsed.strings == [["h1", "h2"], [long + "\"x", long], ["end", ""]])
        #expect(parsed.records.flatMap(\.raw) == Array(input.utf8))
    }
}

// MARK: - Buffer boundaries and raw round-trip

/// Inputs that exercise every parser state at every position.
let csvCorpus: [String] = [
    "name,phone,note\n\"Smith, J\",\"+1 555\",\"said \"\"hi\"\"\nthen left\"\nA,B,C\n",
    "a,b\r\nc,d\ne,f\r\n\"g\",\"h\"\r\n\"i\"\n",
    "\u{FEFF}Name;Phone;Note\r\n\"Müller; Hans\";+49 151 1234567;\"Line1\r\nLine2\"\r\nAna;+34 600 000 000;\r\n",
    "\u{FEFF}phone\tname\n1\t\"x\ty\"\n",
    "a|b|c\n\"\"\"\"|\"\"|x\n||\n",
    "a\n\nb\n\r\n\"\"\nc",
    "a,b\nc,\"d\"",
    "\"x\"\r",
    ",a,,\n,\r\n",
    "",
    "\u{FEFF}",
    "h\n\"a\"\"b\"\"c\",\"\"\"\",\"\r\n\r\n\"\n",
]

@Suite struct CSVBufferBoundaryTests {
    @Test(arguments: csvCorpus)
    func smallBuffersGiveTheSameRecords(input: String) throws {
        let expected = try parseCSV(input)
        for bufferSize in [1, 2, 3, 7, 64] {
            for chunkLimit in [1, 2, 5, Int.max] {
                let parsed = try parseCSV(input, bufferSize: bufferSize, chunkLimit: chunkLimit)
                #expect(parsed == expected, "bufferSize \(bufferSize), chunkLimit \(chunkLimit)")
            }
        }
    }

    @Test(arguments: csvCorpus)
    func rawRecordsConcatenateToTheInput(input: String) throws {
        for bufferSize in [1, 3, 1 << 16] {
            let parsed = try parseCSV(input, bufferSize: bufferSize)
            #expect(parsed.records.flatMap(\.raw) == Array(input.utf8))
        }
    }

    @Test func corpusFieldValues() throws {
        #expect(try parseCSV(csvCorpus[4]).strings == [["a", "b", "c"], ["\"", "", "x"], ["", "", ""]])
        #expect(try parseCSV(csvCorpus[11]).strings == [["h"], ["a\"b\"c", "\"", "\r\n\r\n"]])
        #expect(try parseCSV(csvCorpus[3]).strings == [["phone", "name"], ["1", "x\ty"]])
    }
}

// MARK: - Malformed input

@Suite struct CSVErrorTests {
    @Test func unterminatedQuoteNamesTheLineWhereTheFieldStarted() {
        let input = "a,b\nc,d\ne,\"unterminated\nmore\nstuff\n"
        for bufferSize in [1, 2, 7, 1 << 16] {
            let error = csvError(input, bufferSize: bufferSize)
            #expect(error == CSVError(kind: .unterminatedQuotedField, line: 3, text: "unterminated quoted field"))
            #expect(error?.description == "line 3: unterminated quoted field")
        }
    }

    @Test func strayQuoteInUnquotedField() {
        let error = csvError("h\n\"x\ny\"\nab\"c\n")
        #expect(error?.kind == .quoteInUnquotedField)
        #expect(error?.line == 4)
        #expect(error?.message == "line 4: quote inside unquoted field")
        #expect(csvError(" \"a\",b\n")?.line == 1)
    }

    @Test func characterAfterClosingQuote() {
        let error = csvError("a\nb\n\"x\"y,z\n")
        #expect(error?.kind == .characterAfterClosingQuote)
        #expect(error?.message == "line 3: unexpected character after closing quote")
        #expect(csvError("\"x\" ,y\n")?.kind == .characterAfterClosingQuote)
        #expect(csvError("\"x\"\ry\n")?.kind == .characterAfterClosingQuote)
    }

    @Test func errorRepeatsOnLaterCalls() throws {
        let reader = CSVReader(source: MemoryByteSource("ok\nb\"\nc\n"))
        #expect(try reader.next())
        #expect(throws: CSVError(kind: .quoteInUnquotedField, line: 2, text: "quote inside unquoted field")) {
            try reader.next()
        }
        #expect(throws: CSVError(kind: .quoteInUnquotedField, line: 2, text: "quote inside unquoted field")) {
            try reader.next()
        }
    }

    @Test func recordTooLong() throws {
        let reader = CSVReader(source: MemoryByteSource("a,b\n" + String(repeating: "x", count: 100) + "\n"),
                               bufferSize: 4, maximumRecordSize: 32)
        #expect(try reader.next())
        #expect(throws: CSVError(kind: .recordTooLong, line: 2, text: "record longer than 32 bytes")) {
            try reader.next()
        }
    }

    @Test func readFailureIsWrapped() {
        struct FailingSource: ByteSource {
            var sent = false
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(OptOutIOError) -> Int {
                if sent { throw OptOutIOError(kind: .io, message: "cannot read in.csv: Input/output error", errorNumber: 5) }
                sent = true
                buffer[0] = UInt8(ascii: "a")
                buffer[1] = UInt8(ascii: "\n")
                return 2
            }
        }
        let reader = CSVReader(source: FailingSource(), delimiter: UInt8(ascii: ","))
        let ioError = OptOutIOError(kind: .io, message: "cannot read in.csv: Input/output error", errorNumber: 5)
        #expect(throws: CSVError(readError: ioError, line: 1)) { try reader.next() }
        let error = CSVError(readError: ioError, line: 1)
        #expect(error.kind == .readFailed)
        #expect(error.message == "cannot read in.csv: Input/output error")
    }
}
