import Testing
@testable import OptOutCore

// MARK: - Writing records

@Suite struct CSVWriterTests {
    static let awkwardFields = ["plain", "a,b", "say \"hi\"", "line\nbreak", " lead", "trail ", "", "cr\rx",
                                "semi;colon", "tab\tin", "pipe|in", "ü€", "\"", "\r\n"]

    @Test func quotesOnlyWhenNeeded() throws {
        let sink = ByteSink()
        var writer = CSVWriter(sink: sink)
        try writer.writeRecord(Self.awkwardFields)
        try writer.writeRecord(["x"])
        let expected = "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\" lead\",\"trail \",,\"cr\rx\","
            + "semi;colon,tab\tin,pipe|in,ü€,\"\"\"\",\"\r\n\"\nx\n"
        #expect(sink.contents == Array(expected.utf8))
    }

    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")])
    func writtenRecordsReadBackUnchanged(delimiter: UInt8) throws {
        let sink = ByteSink()
        var writer = CSVWriter(sink: sink, delimiter: delimiter, lineTerminator: "\r\n")
        try writer.writeRecord(["name", "phone", "note"])
        try writer.writeRecord(Self.awkwardFields)
        let bytes = Self.awkwardFields.map { Array($0.utf8) }
        var buffers: [UnsafeRawBufferPointer] = []
        let joined = bytes.flatMap { $0 }
        try joined.withUnsafeBytes { all in
            var offset = 0
            for field in bytes {
                buffers.append(UnsafeRawBufferPointer(rebasing: all[offset..<offset + field.count]))
                offset += field.count
            }
            try writer.writeRecord(buffers)
        }
        for bufferSize in [1, 7, 1 << 16] {
            let parsed = try parseCSV(sink.contents, delimiter: delimiter, bufferSize: bufferSize)
            #expect(parsed.strings == [["name", "phone", "note"], Self.awkwardFields, Self.awkwardFields])
        }
        // Detection finds the delimiter the writer used.
        #expect(try parseCSV(sink.contents).delimiter == delimiter)
    }

    @Test func fieldByField() throws {
        let sink = ByteSink()
        var writer = CSVWriter(sink: sink, delimiter: UInt8(ascii: ";"))
        try writer.writeField("a;b")
        try writer.writeField("c")
        try writer.endRecord()
        try writer.writeField("d")
        try writer.endRecord()
        try writer.endRecord()
        #expect(sink.contents == Array("\"a;b\";c\nd\n\n".utf8))
    }

    @Test func needsQuoting() {
        func check(_ text: String, _ delimiter: Character = ",") -> Bool {
            Array(text.utf8).withUnsafeBytes { CSVWriter.needsQuoting($0, delimiter: delimiter.asciiValue ?? 0) }
        }
        #expect(check("") == false)
        #expect(check("abc") == false)
        #expect(check("a;b") == false)
        #expect(check("a;b", ";") == true)
        #expect(check("a\"b") == true)
        #expect(check("\t") == true)
        #expect(check("a b") == false)
        #expect(check("a ") == true)
    }

    // MARK: Raw records

    @Test func rawRecordsCopyByteForByte() throws {
        let input = "\u{FEFF}phone;name\r\n\"+1 555\";\"a\r\nb\"\r\n"
        let reader = CSVReader(source: MemoryByteSource(input))
        let sink = ByteSink()
        let writer = CSVWriter(sink: sink, delimiter: reader.delimiter)
        while try reader.next() { try writer.writeRaw(reader.rawRecord) }
        #expect(sink.contents == Array(input.utf8))
    }

    @Test func appendingAFieldKeepsEachRecordsTerminator() throws {
        let input = "\u{FEFF}phone;name\r\n1;\"x\"\n2;y;\r\n3;z"
        let reader = CSVReader(source: MemoryByteSource(input))
        let sink = ByteSink()
        // The delimiter is known once the header has been read.
        #expect(try reader.next())
        #expect(reader.delimiter == UInt8(ascii: ";"))
        let writer = CSVWriter(sink: sink, delimiter: reader.delimiter)
        try writer.writeRaw(reader.rawRecord, appending: "optout_reason")
        while try reader.next() {
            try writer.writeRaw(reader.rawRecord, appending: "opted;out")
        }
        let expected = "\u{FEFF}phone;name;optout_reason\r\n1;\"x\";\"opted;out\"\n2;y;;\"opted;out\"\r\n3;z;\"opted;out\"\n"
        #expect(sink.contents == Array(expected.utf8))
        let parsed = try parseCSV(sink.contents)
        #expect(parsed.strings == [["phone", "name", "optout_reason"], ["1", "x", "opted;out"],
                                   ["2", "y", "", "opted;out"], ["3", "z", "opted;out"]])
    }

    @Test func appendingToBlankAndBytesField() throws {
        let sink = ByteSink()
        let writer = CSVWriter(sink: sink)
        let newline: [UInt8] = [UInt8(ascii: "\n")]
        let field: [UInt8] = Array("a\"b".utf8)
        let empty: [UInt8] = []
        let recordBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
        defer { recordBuffer.deallocate() }
        recordBuffer.copyBytes(from: newline)
        let fieldBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: field.count, alignment: 1)
        defer { fieldBuffer.deallocate() }
        fieldBuffer.copyBytes(from: field)
        try writer.writeRaw(UnsafeRawBufferPointer(recordBuffer), appending: UnsafeRawBufferPointer(fieldBuffer))
        try writer.writeRaw(UnsafeRawBufferPointer(start: nil, count: empty.count), appending: "blocked")
        #expect(sink.contents == Array(",\"a\"\"b\"\n,blocked\n".utf8))
    }
}
