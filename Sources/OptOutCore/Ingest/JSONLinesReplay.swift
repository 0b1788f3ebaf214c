import OptOutPlatform

/// Bulk replay of inbound messages from JSON Lines: one `{"from","text","id","at"}` object a line.
///
/// `from` (a string, or a number) and `text` (a string) are required; `id` (string or number) and `at`
/// (ISO 8601 or Unix seconds, as a string or a number) are optional, and other keys are ignored. Blank
/// lines are skipped. The input is streamed: lines are parsed as they are read and recorded in
/// transactions of `batchSize` lines, and each batch's results are handed to `emit` after it commits,
/// so memory stays flat and a million lines take seconds.
///
/// A line that is not such an object stops the replay: every line before it has been recorded (the
/// lines of the unfinished batch are committed first), nothing from it on is, and the error names the
/// line. Because message ids are recorded once, running the corrected file again skips the lines that
/// were recorded.
public enum JSONLinesReplay {
    /// The longest line accepted, in bytes.
    public static let maxLineBytes = 1 << 20

    /// What a replay read.
    public struct Summary: Sendable, Equatable {
        /// Lines holding a message (blank lines not counted).
        public var messages = 0
        /// Transactions committed.
        public var batches = 0
    }

    /// Opens `path` (`-` for `standardInput`) and replays it; see `run(descriptor:…)`.
    public static func run(
        path: String, standardInput: Int32, ingester: MessageIngester, batchSize: Int = 1000,
        progress: ((_ messages: Int, _ bytes: Int) -> Void)? = nil, emit: ([IngestResult]) -> Void
    ) throws(OptOutError) -> Summary {
        let source: FileByteSource
        do { source = try FileByteSource.input(path, standardInput: standardInput) } catch { throw OptOutError(error) }
        defer { source.close() }
        return try run(
            descriptor: source.fileDescriptor, name: source.name, ingester: ingester, batchSize: batchSize,
            progress: progress, emit: emit)
    }

    /// Reads `descriptor` to its end, recording every line through `ingester`.
    /// `progress`, when given, is told the messages and the bytes read so far after each batch.
    public static func run(
        descriptor: Int32, name: String, ingester: MessageIngester, batchSize: Int = 1000,
        progress: ((_ messages: Int, _ bytes: Int) -> Void)? = nil, emit: ([IngestResult]) -> Void
    ) throws(OptOutError) -> Summary {
        var summary = Summary()
        var bytes = 0
        var pending: [InboundItem] = []
        let size = max(1, batchSize)
        // Each batch appends thousands of pages to the write-ahead log.
        ingester.store.tuneForBulkWrites()
        pending.reserveCapacity(size)
        func flush() throws(OptOutError) {
            guard !pending.isEmpty else { return }
            let results = try ingester.record(pending)
            summary.batches &+= 1
            pending.removeAll(keepingCapacity: true)
            emit(results)
            progress?(summary.messages, bytes)
        }
        var lineError: OptOutError?
        try LineReader.forEachLine(descriptor: descriptor, name: name, maxLineBytes: maxLineBytes) {
            (line, number) throws(OptOutError) -> Bool in
            bytes &+= line.count &+ 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
            do throws(OptOutError) {
                pending.append(try item(line, lineNumber: number))
            } catch {
                lineError = OptOutError(.badInput, "\(name) line \(number): \(error.message)")
                return false
            }
            summary.messages &+= 1
            if pending.count >= size { try flush() }
            return true
        }
        try flush()
        if let lineError { throw lineError }
        return summary
    }

    /// The item one line describes.
    public static func item(_ line: UnsafeRawBufferPointer, lineNumber: Int) throws(OptOutError) -> InboundItem {
        let value: JSONValue
        do {
            value = try JSONParser(maxDepth: 16, maxBytes: maxLineBytes).parse(line)
        } catch {
            throw OptOutError(.badInput, "not valid JSON: \(error)")
        }
        guard case .object = value else { throw OptOutError(.badInput, "not a JSON object") }
        let from: String?
        switch value["from"] {
        case .string(let text)?: from = text
        case .integer(let digits)?: from = String(digits)
        case nil, .null?: from = nil
        default: throw OptOutError(.badInput, "'from' is not a string")
        }
        let userID: String?
        switch value["user_id"] {
        case .string(let text)?: userID = text
        case nil, .null?: userID = nil
        default: throw OptOutError(.badInput, "'user_id' is not a string")
        }
        guard from != nil || userID != nil else { throw OptOutError(.badInput, "neither 'from' nor 'user_id' is given") }
        guard case .string(let text)? = value["text"] else {
            throw OptOutError(.badInput, "'text' is missing or not a string")
        }
        let id: String?
        switch value["id"] {
        case nil, .null?: id = nil
        case .string(let text)?: id = text.isEmpty ? nil : text
        case .integer(let number)?: id = String(number)
        default: throw OptOutError(.badInput, "'id' is not a string")
        }
        let at: Timestamp?
        switch value["at"] {
        case nil, .null?: at = nil
        case .string(let text)?:
            guard let parsed = Timestamp(parsing: text) else {
                throw OptOutError(.badInput, "'at' is not a time (ISO 8601 with a zone, or Unix seconds)")
            }
            at = parsed
        case .integer(let seconds)? where seconds > -100_000_000_000 && seconds < 100_000_000_000:
            at = Timestamp(seconds: seconds)
        default: throw OptOutError(.badInput, "'at' is not a time (ISO 8601 with a zone, or Unix seconds)")
        }
        return InboundItem(sender: from, senderUserID: userID, messageID: id, at: at, content: .text(text), origin: "line \(lineNumber)")
    }
}

// MARK: - LineReader

// MARK: - IngestInput
