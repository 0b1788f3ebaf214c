import OptOutPlatform
import Testing
import OptOutTestSupport
@testable import OptOutCore

// MARK: - AtomicFile

@Suite struct AtomicFileTests {
    @Test func commitWritesExactContentWithMode0600() throws {
        let folder = TemporaryFolder()
        let path = folder.file("out.csv")
        let file = try AtomicFile(path: path)
        #expect(file.temporaryPath.hasPrefix(folder.path + "/.out.csv.tmp-"))
        #expect(file.temporaryPath.utf8.count == (folder.path + "/.out.csv.tmp-XXXXXX").utf8.count)
        #expect(readFile(path) == nil)
        try file.sink.write("phone\n+15551234567\n")
        try file.commit()
        #expect(readFile(path) == Array("phone\n+15551234567\n".utf8))
        #expect(permissions(path) == 0o600)
        #expect(folder.names() == ["out.csv"])
        // Committing again does nothing; writing after commit fails.
        try file.commit()
        #expect(throws: OptOutIOError.self) { try file.sink.write("late") ; try file.sink.flush() }
        #expect(readFile(path) == Array("phone\n+15551234567\n".utf8))
    }

    @Test func commitReplacesAnExistingFile() throws {
        let folder = TemporaryFolder()
        let path = folder.write("out.csv", Array("old content\n".utf8))
        _ = chmod(path, 0o644)
        let file = try AtomicFile(path: path)
        try file.sink.write("new\n")
        try file.commit()
        #expect(readFile(path) == Array("new\n".utf8))
        #expect(permissions(path) == 0o600)
        #expect(folder.names() == ["out.csv"])
    }

    @Test func discardLeavesThePreviousFileUntouched() throws {
        let folder = TemporaryFolder()
        let path = folder.write("out.csv", Array("old content\n".utf8))
        let file = try AtomicFile(path: path)
        try file.sink.write("half written")
        try file.sink.flush()
        #expect(folder.names().count == 2)
        file.discard()
        #expect(readFile(path) == Array("old content\n".utf8))
        #expect(folder.names() == ["out.csv"])
        try file.commit()  // no effect after discard
        #expect(readFile(path) == Array("old content\n".utf8))
    }

    @Test func deinitWithoutCommitLeavesNoFile() throws {
        let folder = TemporaryFolder()
        do {
            let file = try AtomicFile(path: folder.file("new.csv"))
            try file.sink.write(String(repeating: "x", count: 100_000))
            #expect(folder.names().count == 1)
        }
        #expect(folder.names() == [])
    }

    @Test func missingFolderCannotCreate() {
        let folder = TemporaryFolder()
        let path = folder.file("nope/out.csv")
        #expect(throws: OptOutIOError(kind: .cannotCreate,
                                      message: "cannot create \(path): No such file or directory",
                                      errorNumber: ENOENT)) {
            _ = try AtomicFile(path: path)
        }
    }

    @Test func unwritableFolderCannotCreate() throws {
        let folder = TemporaryFolder()
        if getuid() == 0 {
            // Root ignores permissions: use a path under a regular file instead.
            let path = folder.write("plain", [1]) + "/x.csv"
            #expect(throws: OptOutIOError(kind: .cannotCreate, message: "cannot create \(path): Not a directory",
                                          errorNumber: ENOTDIR)) {
                _ = try AtomicFile(path: path)
            }
        } else {
            try #require(chmod(folder.path, 0o500) == 0)
            let path = folder.file("x.csv")
            #expect(throws: OptOutIOError(kind: .cannotCreate, message: "cannot create \(path): Permission denied",
                                          errorNumber: EACCES)) {
                _ = try AtomicFile(path: path)
            }
        }
    }

    @Test func directoryPathCannotCreate() {
        let folder = TemporaryFolder()
        #expect(throws: OptOutIOError(kind: .cannotCreate, message: "cannot create \(folder.path): Is a directory",
                                      errorNumber: EISDIR)) {
            _ = try AtomicFile(path: folder.path)
        }
        #expect(throws: OptOutIOError.self) { _ = try AtomicFile(path: folder.path + "/") }
        #expect(folder.names() == [])
    }

    @Test func csvRoundTripThroughAtomicFile() throws {
        let folder = TemporaryFolder()
        let input = "\u{FEFF}phone;name\r\n\"+1 555\";\"a\r\nb\"\r\n"
        let inputPath = folder.write("in.csv", Array(input.utf8))
        let reader = CSVReader(source: try FileByteSource(path: inputPath), bufferSize: 3)
        let output = try AtomicFile(path: folder.file("out.csv"))
        let writer = CSVWriter(sink: output.sink)
        while try reader.next() { try writer.writeRaw(reader.rawRecord) }
        try output.commit()
        #expect(readFile(folder.file("out.csv")) == Array(input.utf8))
    }
}
