import Testing
@testable import OptOutCore

/// One record as the tests compare it.
struct ParsedRecord: Equatable, CustomStringConvertible {
    var fields: [[UInt8]]
    var raw: [UInt8]
    var line: Int
    var blank: Bool

    var description: String {
        "line \(line) \(fields.map { String(decoding: $0, as: UTF8.self) }) raw=\(String(decoding: raw, as: UTF8.self).debugDescription)"
    }
}

/// Everything a reader produced from one input.
struct ParsedInput: Equatable {
    var delimiter: UInt8
    var records: [ParsedRecord]

    /// The fields of every record as strings.
    var strings: [[String]] { records.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } } }
}

/// Reads all of `bytes` with the given buffer size and read chunk limit.
func parseCSV(_ bytes: [UInt8], delimiter: UInt8? = nil, bufferSize: Int = 1 << 16,
              chunkLimit: Int = Int.max) throws(CSVError) -> ParsedInput {
    let reader = CSVReader(source: MemoryByteSource(bytes, chunkLimit: chunkLimit),
                           delimiter: delimiter, bufferSize: bufferSize)
    var records: [ParsedRecord] = []
    while try reader.next() {
        let fields = (0..<reader.fieldCount).map { Array(reader.field($0)) }
        records.append(ParsedRecord(fields: fields, raw: Array(reader.rawRecord), line: reader.lineNumber,
                                    blank: reader.isBlank))
    }
    #expect(try reader.next() == false)
    return ParsedInput(delimiter: reader.delimiter, records: records)
}

/// `parseCSV` on the UTF-8 bytes of `text`.
func parseCSV(_ text: String, delimiter: UInt8? = nil, bufferSize: Int = 1 << 16,
              chunkLimit: Int = Int.max) throws(CSVError) -> ParsedInput {
    try parseCSV(Array(text.utf8), delimiter: delimiter, bufferSize: bufferSize, chunkLimit: chunkLimit)
}

/// The error reading `text` throws, or nil when it reads cleanly.
func csvError(_ text: String, bufferSize: Int = 1 << 16) -> CSVError? {
    do {
        _ = try parseCSV(text, bufferSize: bufferSize)
        return nil
    } catch {
        return error
    }
}
