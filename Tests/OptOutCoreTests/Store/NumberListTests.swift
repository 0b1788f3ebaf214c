import OptOutPlatform
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// `--file` read as it is applied: a regular file streams in chunks, a pipe is held in memory, and
/// both give the same numbers, line counts and errors.
@Suite struct NumberListTests {
    /// What a list gives: each input's text, line and time text, or the error it stops with.
    private struct Reading: Equatable {
        var inputs: [String] = []
        var lineCount = 0
        var error: String?
    }

    private static func read(path: String, standardInput: Int32 = 0, timeColumn: String? = nil, encoding: TextEncoding = .utf8) -> Reading {
        var reading = Reading()
        do {
            let list = try NumberList(path: path, standardInput: standardInput, timeColumn: timeColumn, encoding: encoding)
            reading.lineCount = list.lineCount
            try list.forEach { input in reading.inputs.append("\(input.origin)|\(input.text)|\(input.timeText ?? "-")") }
        } catch {
            reading.error = (error as? OptOutError)?.message ?? "\(error)"
        }
        return reading
    }

    /// The same bytes through a pipe (`--file -`), named as the file is so that messages compare.
    private static func readThroughPipe(_ bytes: [UInt8], timeColumn: String? = nil, encoding: TextEncoding = .utf8) -> Reading {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        #expect(bytes.count < 60_000, "a pipe holds this much without a reader")
        bytes.withUnsafeBytes { _ = write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        defer { close(ends[0]) }
        return read(path: "-", standardInput: ends[0], timeColumn: timeColumn, encoding: encoding)
    }

    /// Inputs as `read` words them, with the pipe's name in place of the file's.
    private static func named(_ reading: Reading, _ path: String) -> Reading {
        var renamed = reading
        renamed.inputs = reading.inputs.map { $0.replacingOccurrences(of: "of \(path)|", with: "of standard input|") }
        renamed.error = reading.error.map { $0.replacingOccurrences(of: path, with: "standard input") }
        return renamed
    }

    @Test(arguments: [
        "+15551230001\n+15551230002\n", "+15551230001\r\n\r\n  +1 555 123 0002 \t\n+15551230003", "\u{FEFF}+15551230001\n",
        "phone,name\n+15551230001,Ana\n,\n\"+1 555 123 0002\",\"Zoë, Jr.\"\n", "", "\n\n", "name;phone\nA;+15551230001",
        "phone,name\n\"+1555\n",
    ].map { Array($0.utf8) } + [Array("+15551230001\n".utf8) + [0xFF] + Array("+15551230002\n".utf8)])
    func aFileReadsAsThePipeOfItsBytes(bytes: [UInt8]) throws {
        let folder = TemporaryFolder()
        let path = folder.write("numbers.csv", bytes)
        let fromFile = Self.read(path: path)
        #expect(Self.named(fromFile, path) == Self.readThroughPipe(bytes))
    }

    @Test func aCSVFileGivesItsPhoneColumn() throws {
        let folder = TemporaryFolder()
        let path = folder.write("numbers.csv", "phone,name\n+15551230001,Ana\n,\n\"+1 555 123 0002\",\"Zoë, Jr.\"\n")
        #expect(Self.read(path: path) == Reading(
            inputs: ["line 2 of \(path)|+15551230001|-", "line 4 of \(path)|+1 555 123 0002|-"], lineCount: 4))
    }

    @Test func windows1252FilesReadAsTheirPipes() throws {
        let folder = TemporaryFolder()
        // "Müller", "€" and "²" in Windows-1252, in a CSV with a time column and one a line.
        let csv = Array("phone,name,at\n+15551230001,M".utf8) + [0xFC] + Array("ller,2026-01-02\n+15551230002,".utf8) + [0x80, 0x0A]
        let lines = Array("+15551230001\n+1555123000".utf8) + [0xB2, 0x0A]
        for (name, bytes, column) in [("list.csv", csv, "at"), ("lines.txt", lines, nil)] {
            let path = folder.write(name, bytes)
            let fromFile = Self.read(path: path, timeColumn: column, encoding: .windows1252)
            #expect(fromFile.error == nil)
            #expect(Self.named(fromFile, path) == Self.readThroughPipe(bytes, timeColumn: column, encoding: .windows1252))
        }
        let path = folder.write("lines.txt", lines)
        #expect(Self.read(path: path, encoding: .windows1252).inputs == ["line 1 of \(path)|+15551230001|-", "line 2 of \(path)|+1555123000²|-"])
        // A header in Windows-1252 ("Teléfono") names the phone column.
        let header = folder.write("header.csv", Array("x,Tel".utf8) + [0xE9] + Array("fono\ny,+1\n".utf8))
        #expect(Self.read(path: header, encoding: .windows1252).inputs == ["line 2 of \(header)|+1|-"])
    }

    /// Past the first 1 MiB chunk: a character cut by the chunk's end reads whole, and a byte that is
    /// not UTF-8 is named at its line and offset in the whole file, as the in-memory check names it.
    @Test(arguments: [1 << 20 - 1, 1 << 20 - 2, 1 << 20, 1 << 20 + 1, 3 << 20 - 3])
    func chunksEndAnywhere(cut: Int) throws {
        let folder = TemporaryFolder()
        var bytes: [UInt8] = []
        var line = 0
        while bytes.count < cut {
            line += 1
            bytes += Array(String(format: "+1555%07d\n", line).utf8)
        }
        // Pad so that a three-byte character ("€") starts one byte before the cut.
        bytes.removeLast(bytes.count - cut + 1)
        bytes += Array("\n".utf8)
        let euroLine = bytes.filter { $0 == 0x0A }.count + 1
        bytes += Array("€+15559999999\n+15558888888".utf8)
        let path = folder.write("big.txt", bytes)
        let reading = Self.read(path: path)
        #expect(reading.error == nil)
        #expect(reading.lineCount == euroLine + 1)
        #expect(reading.inputs.last == "line \(euroLine + 1) of \(path)|+15558888888|-")
        #expect(reading.inputs[reading.inputs.count - 2] == "line \(euroLine) of \(path)|€+15559999999|-")

        // The euro sign cut short, then the rest of the file: invalid where it stands.
        var broken = bytes
        let euro = broken.firstIndex(of: 0xE2)!
        broken.remove(at: euro + 1)
        let brokenPath = folder.write("broken.txt", broken)
        let expected = broken.withUnsafeBytes { CSVError.utf8Problem(in: $0, hint: TextEncoding.hint(forInputStarting: $0)) }
        #expect(Self.read(path: brokenPath).error == "\(brokenPath): \(try #require(expected).message)")
        // Cut at the very end of the file.
        let truncated = folder.write("truncated.txt", Array(bytes[...euro]))
        let atEnd = Array(bytes[...euro]).withUnsafeBytes { CSVError.utf8Problem(in: $0, hint: TextEncoding.hint(forInputStarting: $0)) }
        #expect(Self.read(path: truncated).error == "\(truncated): \(try #require(atEnd).message)")
    }

    /// `--file -` with standard input redirected from a file streams from where standard input stands.
    @Test func standardInputFromAFileStreamsFromItsOffset() throws {
        let folder = TemporaryFolder()
        let path = folder.write("numbers.txt", "skipped\n+15551230001\n+15551230002\n")
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        #expect(lseek(descriptor, 8, SEEK_SET) == 8)
        let reading = Self.read(path: "-", standardInput: descriptor)
        #expect(reading == Reading(inputs: ["line 1 of standard input|+15551230001|-", "line 2 of standard input|+15551230002|-"], lineCount: 2))
        // Read twice, the same numbers.
        #expect(lseek(descriptor, 8, SEEK_SET) == 8)
        let list = try NumberList(path: "-", standardInput: descriptor)
        var first: [String] = []
        var second: [String] = []
        try list.forEach { first.append($0.text) }
        try list.forEach { second.append($0.text) }
        #expect(first == ["+15551230001", "+15551230002"] && second == first)
    }
}
