/// Reads `--file` for `block`, `unblock` and `normalize`: a CSV whose header names a phone column
/// (found as `filter-campaign` finds it), or else one number a line.
public struct NumberList {
    /// The file as UTF-8.
    private let bytes: [UInt8]
    /// The file's name for messages (`standard input` for `-`).
    public let name: String
    private let timeColumn: String?

    /// Reads the file at `path` (`-` for standard input) into memory: its bytes, not its numbers,
    /// which `forEach` parses one at a time, so that memory does not grow with a row's objects. A
    /// file that is not UTF-8 stops with its line, byte offset and a hint (exit 65), unless it is read
    /// as `encoding` Windows-1252. With `timeColumn`, the file must be a CSV with that column, and each
    /// row carries its text.
    public init(path: String, standardInput: Int32, timeColumn: String? = nil, encoding: TextEncoding = .utf8) throws(OptOutError) {
        var bytes: [UInt8]
        do {
            let source = try FileByteSource.input(path, standardInput: standardInput)
            name = source.name
            bytes = try source.readAll()
        } catch {
            throw OptOutError(error)
        }
        switch encoding {
        case .utf8:
            let problem = bytes.withUnsafeBytes { all in CSVError.utf8Problem(in: all, hint: TextEncoding.hint(forInputStarting: all)) }
            if let problem { throw OptOutError(.badInput, "\(name): \(problem.message)") }
        case .windows1252:
            bytes = bytes.withUnsafeBytes(TextEncoding.utf8(fromWindows1252:))
        }
        self.bytes = bytes
        self.timeColumn = timeColumn
    }

    /// The number of lines: what `forEach` gives at most, for progress.
    public var lineCount: Int { bytes.reduce(into: bytes.last == 0x0A || bytes.isEmpty ? 0 : 1) { $0 += $1 == 0x0A ? 1 : 0 } }

    /// Calls `body` with each number of the file in order: a CSV whose header names a phone column
    /// (found as `filter-campaign` finds it), or else one number a line. Blank lines and rows of empty
    /// fields are skipped; a malformed CSV stops with its line number (exit 65). Errors `body` throws
    /// pass through.
    public func forEach(_ body: (NumberInput) throws -> Void) throws {
        let csv = CSVReader(source: MemoryByteSource(bytes))
        do {
            guard try csv.next() else { return }
            let header = (0..<csv.fieldCount).map(csv.fieldString)
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
                            text: csv.fieldString(column), origin: .line(csv.lineNumber, of: name),
                            timeText: timeIndex.map { $0 < csv.fieldCount ? csv.fieldString($0) : "" }))
                }
                return
            }
        } catch let error as CSVError {
            throw OptOutError(.badInput, "\(name): \(error.message)")
        }
        try Self.lines(bytes, name: name, body)
    }

    /// Whether a field holds nothing but spaces and tabs.
    private static func isBlank(_ field: UnsafeRawBufferPointer) -> Bool {
        field.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// One number a line, trimmed of spaces, tabs and a CR; blank lines skipped.
    static func lines(_ bytes: [UInt8], name: String, _ body: (NumberInput) throws -> Void) throws {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        var start = 0
        var number = 0
        while start < bytes.count || (start == bytes.count && number == 0) {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            number += 1
            let line = bytes[start..<end]
            start = end + 1
            guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) })
            else { continue }
            var text = String(decoding: line[first...last], as: UTF8.self)
            if number == 1, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            try body(NumberInput(text: text, origin: .line(number, of: name)))
        }
    }
}
