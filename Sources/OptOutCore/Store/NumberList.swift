/// Reads `--file` for `block`, `unblock` and `normalize`: a CSV whose header names a phone column
/// (found as `filter-campaign` finds it), or else one number a line.
public enum NumberList {
    /// The numbers in the file at `path` (`-` for standard input), each with its line for messages.
    /// Blank lines and rows of empty fields are skipped; a malformed CSV stops with its line number,
    /// and a file that is not UTF-8 with its line, byte offset and a hint (exit 65), unless it is read
    /// as `encoding` Windows-1252. With `timeColumn`, the file must be a CSV with that column, and each
    /// row carries its text.
    public static func read(
        path: String, standardInput: Int32, timeColumn: String? = nil, encoding: TextEncoding = .utf8
    ) throws(OptOutError) -> [NumberInput] {
        var bytes: [UInt8]
        let name: String
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
        let csv = CSVReader(source: MemoryByteSource(bytes))
        do {
            guard try csv.next() else { return [] }
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
                var result: [NumberInput] = []
                while try csv.next() {
                    if csv.isBlank || (0..<csv.fieldCount).allSatisfy({ Self.isBlank(csv.field($0)) }) { continue }
                    result.append(
                        NumberInput(
                            text: csv.fieldString(column), origin: "line \(csv.lineNumber) of \(name)",
                            timeText: timeIndex.map { $0 < csv.fieldCount ? csv.fieldString($0) : "" }))
                }
                return result
            }
        } catch let error as CSVError {
            throw OptOutError(.badInput, "\(name): \(error.message)")
        } catch let error as OptOutError {
            throw error
        } catch {
            throw OptOutError(.internal, "\(error)")
        }
        return lines(bytes, name: name)
    }

    /// Whether a field holds nothing but spaces and tabs.
    private static func isBlank(_ field: UnsafeRawBufferPointer) -> Bool {
        field.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// One number a line, trimmed of spaces, tabs and a CR; blank lines skipped.
    static func lines(_ bytes: [UInt8], name: String) -> [NumberInput] {
        var result: [NumberInput] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) })
            else { continue }
            var text = String(decoding: line[first...last], as: UTF8.self)
            if index == 0, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            result.append(NumberInput(text: text, origin: "line \(index + 1) of \(name)"))
        }
        return result
    }
}
