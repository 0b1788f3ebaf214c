import OptOutPlatform
import Testing
import OptOutTestSupport
@testable import OptOutCore

// MARK: - Byte sources

@Suite struct ByteSourceTests {
    /// Reads everything from `source` with `chunk`-byte reads.
    func drain<S: ByteSource>(_ source: inout S, chunk: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { return result }
            result.append(contentsOf: buffer[0..<count])
        }
    }

    @Test func memorySourceHonoursChunkLimit() throws {
        var source = MemoryByteSource("hello world", chunkLimit: 4)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 100, alignment: 1)
        defer { buffer.deallocate() }
        #expect(try source.read(into: buffer) == 4)
        #expect(Array(buffer[0..<4]) == Array("hell".utf8))
        #expect(try drain(&source, chunk: 3) == Array("o world".utf8))
        #expect(try source.read(into: buffer) == 0)
    }

    @Test func fileSourceReadsTheWholeFile() throws {
        let folder = TemporaryFolder()
        let content = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = folder.write("in.csv", content)
        var source = try FileByteSource(path: path)
        #expect(try drain(&source, chunk: 65_536) == content)
        source.close()
        #expect(source.fileDescriptor == -1)
    }

    @Test func missingFileIsInputMissing() {
        let folder = TemporaryFolder()
        let path = folder.file("missing.csv")
        #expect(throws: OptOutIOError(kind: .inputMissing,
                                      message: "cannot open \(path): No such file or directory",
                                      errorNumber: ENOENT)) {
            _ = try FileByteSource(path: path)
        }
    }

    @Test func directoryIsInputMissingWithIsADirectory() {
        let folder = TemporaryFolder()
        #expect(throws: OptOutIOError(kind: .inputMissing, message: "cannot open \(folder.path): Is a directory",
                                      errorNumber: EISDIR)) {
            _ = try FileByteSource(path: folder.path)
        }
    }

    @Test func unreadableFileIsPermissionDenied() throws {
        let folder = TemporaryFolder()
        let path = folder.write("secret.csv", [1, 2, 3])
        _ = chmod(path, 0o000)
        if getuid() == 0 {
            // Root reads it anyway.
            var source = try FileByteSource(path: path)
            #expect(try drain(&source, chunk: 8) == [1, 2, 3])
        } else {
            #expect(throws: OptOutIOError(kind: .inputMissing, message: "cannot open \(path): Permission denied",
                                          errorNumber: EACCES)) {
                _ = try FileByteSource(path: path)
            }
        }
    }

    @Test func borrowedDescriptorStaysOpen() throws {
        let folder = TemporaryFolder()
        let path = folder.write("in.csv", Array("abc".utf8))
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        do {
            var source = FileByteSource(fileDescriptor: descriptor, name: path)
            #expect(try drain(&source, chunk: 2) == Array("abc".utf8))
            source.close()
        }
        #expect(lseek(descriptor, 0, SEEK_SET) == 0)
    }
}
