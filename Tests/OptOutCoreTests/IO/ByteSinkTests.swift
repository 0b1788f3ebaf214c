import OptOutPlatform
import Testing
import OptOutTestSupport
@testable import OptOutCore

// MARK: - ByteSink

@Suite struct ByteSinkTests {
    @Test func memorySinkCollectsEverything() throws {
        let sink = ByteSink()
        try sink.write("héllo")
        try sink.write(byte: UInt8(ascii: ","))
        try Array("xyz".utf8).withUnsafeBytes { try sink.write($0) }
        try sink.flush()
        #expect(sink.contents == Array("héllo,xyz".utf8))
    }

    @Test func descriptorSinkBuffersUntilFlush() throws {
        let folder = TemporaryFolder()
        let path = folder.file("out.bin")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        let sink = ByteSink(fileDescriptor: descriptor, ownsDescriptor: true, name: path)
        try sink.write("small")
        #expect(readFile(path) == [])
        var expected = Array("small".utf8)
        // Larger than the buffer, written around and through it.
        let big = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try big.withUnsafeBytes { try sink.write($0) }
        expected += big
        for index in 0..<70_000 {
            try sink.write(byte: UInt8(truncatingIfNeeded: index))
            expected.append(UInt8(truncatingIfNeeded: index))
        }
        try sink.flush()
        #expect(readFile(path) == expected)
    }

    @Test func writeFailureIsAnIOError() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        let sink = ByteSink(fileDescriptor: descriptor, ownsDescriptor: true, name: "/dev/full")
        try sink.write("buffered")
        let expected = OptOutIOError(kind: .io, message: "cannot write /dev/full: No space left on device",
                                     errorNumber: ENOSPC)
        #expect(throws: expected) { try sink.flush() }
        // Later calls report the same failure.
        #expect(throws: expected) { try sink.write("more") }
        #expect(throws: expected) { try sink.flush() }
    }

    @Test func brokenPipeIsReported() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let sink = ByteSink(fileDescriptor: ends[1], ownsDescriptor: true, name: "standard output")
        try sink.write("data")
        #expect(throws: OptOutIOError(kind: .io, message: "cannot write standard output: Broken pipe",
                                      errorNumber: EPIPE)) {
            try sink.flush()
        }
    }
}
