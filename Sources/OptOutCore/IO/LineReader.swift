import OptOutPlatform

/// Streams a byte source line by line (LF, with an optional CR before it) through a reused buffer.
enum LineReader {
    /// Calls `body` with each line (without its line ending) and its 1-based number until the input
    /// ends or `body` returns false. A line longer than `maxLineBytes` is a `badInput` error; a read
    /// that fails is the source's error.
    static func forEachLine<Source: ByteSource>(
        from source: inout Source, name: String, maxLineBytes: Int,
        _ body: (UnsafeRawBufferPointer, Int) throws(OptOutError) -> Bool
    ) throws(OptOutError) {
        let chunkSize = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunkSize &* 2)
        var filled = 0
        var lineNumber = 0
        var atEnd = false
        while !atEnd {
            if buffer.count &- filled < chunkSize { buffer.append(contentsOf: repeatElement(0, count: chunkSize)) }
            let read = buffer.withUnsafeMutableBytes { raw -> Result<Int, OptOutIOError> in
                guard let base = raw.baseAddress else { return .success(0) }
                return Result { () throws(OptOutIOError) in
                    try source.read(into: UnsafeMutableRawBufferPointer(start: base + filled, count: chunkSize))
                }
            }
            let count: Int
            do { count = try read.get() } catch { throw OptOutError(error) }
            if count == 0 { atEnd = true }
            filled &+= count
            // Hand out every complete line (every line, at the end).
            let result: Result<(consumed: Int, stop: Bool), OptOutError> = buffer.withUnsafeBytes { raw in
                var start = 0
                var index = 0
                while index < filled || (atEnd && start < filled) {
                    let isEnd = index >= filled
                    if isEnd || raw[index] == 0x0A {
                        lineNumber &+= 1
                        var end = index
                        if end > start && raw[end &- 1] == 0x0D { end &-= 1 }
                        if end &- start > maxLineBytes {
                            return .failure(OptOutError(.badInput, "\(name) line \(lineNumber): longer than \(maxLineBytes) bytes"))
                        }
                        do throws(OptOutError) {
                            if !(try body(UnsafeRawBufferPointer(rebasing: raw[start..<end]), lineNumber)) {
                                return .success((filled, true))
                            }
                        } catch {
                            return .failure(error)
                        }
                        start = min(index &+ 1, filled)
                        if isEnd { break }
                    }
                    index &+= 1
                }
                return .success((start, false))
            }
            let (consumed, stop) = try result.get()
            if stop { return }
            if consumed > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    memmove(base, base + consumed, filled &- consumed)
                }
                filled &-= consumed
            }
            if filled > maxLineBytes &+ 1 {
                throw OptOutError(.badInput, "\(name) line \(lineNumber &+ 1): longer than \(maxLineBytes) bytes")
            }
        }
    }

    /// `forEachLine(from:…)` over a file descriptor, which is left open.
    static func forEachLine(
        descriptor: Int32, name: String, maxLineBytes: Int,
        _ body: (UnsafeRawBufferPointer, Int) throws(OptOutError) -> Bool
    ) throws(OptOutError) {
        var source = FileByteSource(fileDescriptor: descriptor, ownsDescriptor: false, name: name)
        try forEachLine(from: &source, name: name, maxLineBytes: maxLineBytes, body)
    }
}
