/// Reads `--file` for `block`, `unblock` and `normalize`: a CSV whose header names a phone column
/// (found as `filter-campaign` finds it), or else one number a line.
public struct NumberList {
    /// The file's name for messages (`standard input` for `-`).
    public let name: String
    /// The number of lines: what `forEach` gives at most, for progress.
    public let lineCount: Int
    private let timeColumn: String?
    private let content: Content
    /// Whether the bytes are Windows-1252, converted field by field as they are read.
    private let windows1252: Bool

    /// Where the numbers are read from.
    private enum Content {
        /// A regular file, read as it is applied from `start` (where reading stood when it was given),
        /// so that memory does not grow with the file.
        case file(FileByteSource, start: Int64)
        /// Standard input from a pipe or a terminal, which cannot be read twice: held in memory.
        case memory([UInt8])
    }

    /// Opens the file at `path` (`-` for standard input). Nothing of it is kept but its place: a
    /// regular file is read through once here, to count its lines and to check that it is UTF-8, and
    /// again by `forEach`; a pipe is read into memory and checked there. A file that is not UTF-8
    /// stops with its line, byte offset and a hint (exit 65), unless it is read as `encoding`
    /// Windows-1252. With `timeColumn`, the file must be a CSV with that column, and each row carries
    /// its text.
    public init(path: String, standardInput: Int32, timeColumn: String? = nil, encoding: TextEncoding = .utf8) throws(OptOutError) {
        let source: FileByteSource
        do { source = try FileByteSource.input(path, standardInput: standardInput) } catch { throw OptOutError(error) }
        name = source.name
        self.timeColumn = timeColumn
        windows1252 = encoding == .windows1252
        let checkingUTF8 = encoding == .utf8
        if let start = source.offsetInRegularFile() {
            lineCount = try Self.scan(source, name: name, checkingUTF8: checkingUTF8)
            do { try source.seek(to: start) } catch { throw OptOutError(error) }
            content = .file(source, start: start)
        } else {
            let bytes: [UInt8]
            do { bytes = try source.readAll() } catch { throw OptOutError(error) }
            lineCount = try Self.scan(MemoryByteSource(bytes), name: name, checkingUTF8: checkingUTF8)
            content = .memory(bytes)
        }
    }

    /// Reads `source` to its end in 1 MiB chunks: its line count (a last line without a line feed
    /// counts), after checking, with `checkingUTF8`, that it is UTF-8. A sequence cut by the end of a
    /// chunk is checked again with the bytes that follow it.
    private static func scan<Source: ByteSource>(_ source: Source, name: String, checkingUTF8: Bool) throws(OptOutError) -> Int {
        var source = source
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var carried = 0
        var lineFeeds = 0
        var bytesBefore = 0
        var hint: String?
        var last: UInt8?
        while true {
            let count: Int
            do { count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[carried...])) } catch {
                throw OptOutError(error)
            }
            let filled = carried &+ count
            let atEnd = count == 0
            let data = UnsafeRawBufferPointer(rebasing: buffer[..<filled])
            if hint == nil && (filled >= 2 || atEnd) { hint = TextEncoding.hint(forInputStarting: data) }
            var checked = filled
            if checkingUTF8, let invalid = TextEncoding.firstInvalidUTF8(data) {
                if atEnd || filled &- invalid >= 4 {
                    let problem = CSVError.utf8Problem(in: data, hint: hint ?? TextEncoding.windows1252Hint)
                    let moved = problem.map { $0.movedDown(by: lineFeeds, bytes: bytesBefore) }
                    throw OptOutError(.badInput, "\(name): \(moved?.message ?? "not valid UTF-8")")
                }
                checked = invalid
            }
            let part = UnsafeRawBufferPointer(rebasing: data[..<checked])
            lineFeeds &+= CSVChunk.lineFeedCount(in: part)
            bytesBefore &+= checked
            if let byte = part.last { last = byte }
            if atEnd { break }
            carried = filled &- checked
            if carried > 0, let base = buffer.baseAddress { base.copyMemory(from: base + checked, byteCount: carried) }
        }
        return lineFeeds &+ (last == nil || last == 0x0A ? 0 : 1)
    }

    /// Calls `body` with each number of the file in order: a CSV whose header names a phone column
    /// (found as `filter-campaign` finds it), or else one number a line. Blank lines and rows of empty
    /// fields are skipped; a malformed CSV stops with its line number (exit 65). Errors `body` throws
    /// pass through. Reads the file from its start each time.
    public func forEach(_ body: (NumberInput) throws -> Void) throws {
        switch content {
        case .file(let file, let start):
            try read(body) { () throws(OptOutError) -> FileByteSource in
                do throws(OptOutIOError) { try file.seek(to: start) } catch { throw OptOutError(error) }
                return file
            }
        case .memory(let bytes):
            try read(body) { () throws(OptOutError) in MemoryByteSource(bytes) }
        }
    }

    /// `forEach` over the sources `start` gives, each from the first byte: one for the CSV reader, and
    /// a second for the one-a-line reading when the first line is no CSV header.
    private func read<Source: ByteSource>(_ body: (NumberInput) throws -> Void, from start: () throws(OptOutError) -> Source) throws {
        let windows1252 = windows1252
        let text: (UnsafeRawBufferPointer) -> String = { field in
            windows1252 && TextEncoding.hasHighBytes(field)
                ? String(decoding: TextEncoding.utf8(fromWindows1252: field), as: UTF8.self)
                : String(decoding: field, as: UTF8.self)
        }
        let csv = CSVReader(source: try start())
        do {
            guard try csv.next() else { return }
            let header = (0..<csv.fieldCount).map { text(csv.field($0)) }
            let timeIndex = try timeColumn.map { wanted throws(OptOutError) -> Int in
                guard let index = header.firstIndex(where: { PhoneColumn.fold($0) == PhoneColumn.fold(wanted) }) else {
                    throw PhoneColumn.notFound(in: header, requested: wanted)
                }
                return index
            }
            if header.count > 1 || PhoneColumn.find(in: header) != nil || timeIndex != nil {
                guard let column = PhoneColumn.find(in: header) else {
                    throw PhoneColumn.notFound(in: header, requested: nil)
                }
                while try csv.next() {
                    if csv.isBlank || (0..<csv.fieldCount).allSatisfy({ Self.isBlank(csv.field($0)) }) { continue }
                    try body(
                        NumberInput(
                            text: text(csv.field(column)), origin: .line(csv.lineNumber, of: name),
                            timeText: timeIndex.map { $0 < csv.fieldCount ? text(csv.field($0)) : "" }))
                }
                return
            }
        } catch let error as CSVError {
            throw OptOutError(.badInput, "\(name): \(error.message)")
        }
        var lines = try start()
        try Self.lines(from: &lines, name: name, text: text, body)
    }

    /// Whether a field holds nothing but spaces and tabs.
    private static func isBlank(_ field: UnsafeRawBufferPointer) -> Bool {
        field.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// One number a line, trimmed of spaces, tabs and a CR; blank lines skipped.
    private static func lines<Source: ByteSource>(
        from source: inout Source, name: String, text: (UnsafeRawBufferPointer) -> String, _ body: (NumberInput) throws -> Void
    ) throws {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        var failure: (any Error)?
        // A line is as long as it is: the one-a-line reading has no limit, as the CSV one has none.
        try LineReader.forEachLine(from: &source, name: name, maxLineBytes: Int.max / 2) { line, number throws(OptOutError) -> Bool in
            guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) })
            else { return true }
            var value = text(UnsafeRawBufferPointer(rebasing: line[first...last]))
            if number == 1, value.hasPrefix("\u{FEFF}") { value.removeFirst() }
            do {
                try body(NumberInput(text: value, origin: .line(number, of: name)))
            } catch {
                failure = error
                return false
            }
            return true
        }
        if let failure { throw failure }
    }
}
