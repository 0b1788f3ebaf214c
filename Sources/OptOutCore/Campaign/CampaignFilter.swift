import OptOutPlatform

// MARK: - CampaignFilterOptions

/// How `CampaignFilter` reads the CSV and decides which rows to keep.
public struct CampaignFilterOptions: Sendable {
    /// `--column`: a header name or a 1-based column number; nil to detect (`PhoneColumn.find`).
    public var column: String?
    /// `--delimiter`; nil to detect from the header.
    public var delimiter: UInt8?
    /// The message category the campaign sends (default marketing).
    public var category: Category
    /// The sending rules: `opt-out-applies-to` and `--require-opt-in`.
    public var policy: SendingPolicy
    /// Drop a row whose person (match key) already appeared in a kept row.
    public var dedupe: Bool
    /// Keep rows whose number is invalid instead of dropping them as `invalid-number`.
    public var keepInvalid: Bool
    /// The one phone normaliser (default country, WhatsApp ids).
    public var normalizer: PhoneNormalizer
    /// The input's name in error messages ("standard input", a path).
    public var inputName: String
    /// Rows between two progress callbacks.
    public var progressInterval: Int
    /// Threads that parse and classify rows (0: all on the calling thread). The output is the same
    /// whatever the number.
    public var threads: Int

    /// Options with the defaults of `optout filter-campaign`.
    public init(
        column: String? = nil, delimiter: UInt8? = nil, category: Category = .marketing,
        policy: SendingPolicy = SendingPolicy(), dedupe: Bool = false, keepInvalid: Bool = false,
        normalizer: PhoneNormalizer = PhoneNormalizer(), inputName: String = "input", progressInterval: Int = 100_000,
        threads: Int = CampaignFilterOptions.processorCount
    ) {
        self.column = column
        self.delimiter = delimiter
        self.category = category
        self.policy = policy
        self.dedupe = dedupe
        self.keepInvalid = keepInvalid
        self.normalizer = normalizer
        self.inputName = inputName
        self.progressInterval = max(1, progressInterval)
        self.threads = max(0, threads)
    }

    /// The number of processors online: the default `threads`.
    public static var processorCount: Int { onlineProcessorCount() }
}

// MARK: - CampaignFilter

/// Cleans a recipient CSV before a campaign (contract §6): one streaming pass, one normalisation and one
/// hash look-up per row.
///
/// The header and every kept row are copied to `output` byte for byte as read (BOM, quoting, CRLF
/// and all). Each dropped row goes to `rejected` (when given) with an extra last column
/// `optout_reason`. A row's fate, in order: an invalid number is `invalid-number` (kept with
/// `keepInvalid`); else `SendingPolicy.suppression(of:for:)` on the listed facts of its match key
/// (`blocked`, `opted-out`, `marketing-stopped`, `not-opted-in`); else, with `dedupe`, a match key
/// already kept is `duplicate`. Blank lines are skipped and not counted.
///
/// The work is spread over `options.threads` workers: `CSVBlockReader` cuts the input into blocks of
/// whole records, each worker parses and classifies a block (`CampaignRowClassifier`), and
/// `CampaignCommit` takes the blocks back in input order for everything that depends on order. The
/// output, the report and the first error are the same for any number of threads.
///
/// Memory: at most `maximumInFlight` blocks (each the block size, or the longest record), the two
/// 64 KiB sink buffers, and the `SuppressionSet`; with `dedupe` also a set of the match keys kept so
/// far, which grows with the number of distinct recipients (about 18 bytes each) — the one part that
/// depends on the CSV.
///
/// Errors (`OptOutError`): malformed CSV → `.badInput` "NAME: line N: unterminated quoted field";
/// empty input or no phone column → `.badInput` (the latter lists the headers); a read or write
/// failure → the `OptOutIOError`'s kind. The sinks are not flushed or committed: on success the
/// caller flushes or commits them; on error it discards them so no partial file is left.
public enum CampaignFilter {
    /// The longest CSV record accepted, in bytes (1 MiB): a longer one is malformed input (exit 65),
    /// which keeps memory bounded whatever the file holds (a 100 MB field is refused, not buffered).
    public static let maximumRecordSize = 1 << 20

    /// The most blocks read and not yet committed. While the suppression list loads nothing can be
    /// committed, so this is how far the workers can get meanwhile; it bounds the memory taken by
    /// blocks (about this many block sizes).
    static let maximumInFlight = 32

    /// Filters a file or standard input, loading the suppression list with `loadSuppressions` on a
    /// thread of its own while the first blocks of the CSV are read and parsed.
    public static func run(
        source: FileByteSource, loadSuppressions: @escaping () throws(OptOutError) -> SuppressionSet,
        options: CampaignFilterOptions, output: ByteSink, rejected: ByteSink? = nil,
        progress: ((CampaignReport) -> Void)? = nil
    ) throws(OptOutError) -> CampaignReport {
        let suppressions = LoadingSuppressions { () -> Result<SuppressionSet, OptOutError> in
            do throws(OptOutError) {
                return .success(try loadSuppressions())
            } catch {
                return .failure(error)
            }
        }
        return try filter(source: source, suppressions: suppressions, options: options, output: output,
                          rejected: rejected, blockSize: 1 << 19, progress: progress)
    }

    /// Filters any byte source against `suppressions` (tests use `MemoryByteSource` with short reads
    /// and small blocks); `bufferSize` is the size of the blocks the input is cut into.
    public static func run<Source: ByteSource>(
        source: Source, suppressions: SuppressionSet, options: CampaignFilterOptions, output: ByteSink,
        rejected: ByteSink? = nil, bufferSize: Int = 1 << 16, progress: ((CampaignReport) -> Void)? = nil
    ) throws(OptOutError) -> CampaignReport {
        try filter(source: source, suppressions: BackgroundResult(ready: .success(suppressions)), options: options,
                   output: output, rejected: rejected, blockSize: bufferSize, progress: progress)
    }

    // MARK: - The pass

    /// The list being loaded, or loaded.
    typealias LoadingSuppressions = BackgroundResult<Result<SuppressionSet, OptOutError>>

    private static func filter<Source: ByteSource>(
        source: Source, suppressions: LoadingSuppressions, options: CampaignFilterOptions, output: ByteSink,
        rejected: ByteSink?, blockSize: Int, progress: ((CampaignReport) -> Void)?
    ) throws(OptOutError) -> CampaignReport {
        let blocks = CSVBlockReader(source: source, blockSize: blockSize, maximumRecordSize: maximumRecordSize)
        do {
            return try filterBlocks(blocks, suppressions: suppressions, options: options, output: output,
                                    rejected: rejected, progress: progress)
        } catch {
            // The list failing to load comes first, as when it was loaded before reading the CSV.
            if case .failure(let loadError) = suppressions.value { throw loadError }
            switch error {
            case let error as CSVError:
                if let readError = error.readError { throw OptOutError(readError) }
                throw OptOutError(.badInput, "\(options.inputName): \(error.message)")
            case let error as OptOutIOError:
                throw OptOutError(error)
            case let error as OptOutError:
                throw error
            default:
                throw OptOutError(.internal, "\(error)")
            }
        }
    }

    /// Reads the header on this thread, then hands blocks of rows to `options.threads` workers
    /// (`CampaignRowClassifier`) and commits their verdicts in input order (`CampaignCommit`), keeping
    /// at most a few blocks in flight so memory does not grow with the input.
    private static func filterBlocks<Source: ByteSource>(
        _ blocks: CSVBlockReader<Source>, suppressions: LoadingSuppressions, options: CampaignFilterOptions,
        output: ByteSink, rejected: ByteSink?, progress: ((CampaignReport) -> Void)?
    ) throws -> CampaignReport {
        let emptyInput = OptOutError(.badInput, "\(options.inputName): empty input, no header row")
        let first = CampaignBatch(blockCapacity: blocks.blockSize)
        guard try blocks.next(into: first.block) else { throw emptyInput }
        let headerReader = CSVReader(
            borrowing: first.block.bytes, delimiter: options.delimiter, startsInput: first.block.startsInput,
            endsInsideRecord: first.block.endsInsideRecord, maximumRecordSize: maximumRecordSize)
        guard try headerReader.next() else { throw emptyInput }
        let header = (0..<headerReader.fieldCount).map(headerReader.fieldString)
        guard let column = PhoneColumn.find(in: header, requested: options.column) else {
            throw PhoneColumn.notFound(in: header, requested: options.column)
        }
        let headerRecord = headerReader.rawRecord
        first.dataStart = headerRecord.count
        var commit = CampaignCommit(
            options: options, output: output, rejected: rejected, delimiter: headerReader.delimiter,
            linesBefore: CSVChunk.lineFeedCount(in: headerRecord), progress: progress)
        commit.report.phoneColumn = column
        commit.report.phoneColumnName = header[column]
        commit.report.delimiter = headerReader.delimiter
        try commit.writeHeader(headerRecord)

        let classifier = CampaignRowClassifier(
            suppressions: suppressions, options: options, column: column, delimiter: headerReader.delimiter)
        let queue = OrderedWorkQueue<CampaignBatch, CampaignBatch>(threads: options.threads) { batch in
            classifier.classify(batch)
            return batch
        }
        defer { queue.close() }
        queue.submit(first)
        var spare: [CampaignBatch] = []
        var ended = false
        while true {
            while !ended && queue.inFlight < Self.maximumInFlight {
                let batch = spare.popLast() ?? CampaignBatch(blockCapacity: blocks.blockSize)
                batch.dataStart = 0
                batch.failure = nil
                do {
                    guard try blocks.next(into: batch.block) else {
                        ended = true
                        break
                    }
                } catch {
                    batch.failure = error
                    ended = true
                }
                queue.submit(batch)
            }
            if queue.inFlight == 0 { break }
            let batch = queue.next()
            if batch.needsLookUp { classifier.lookUp(batch, in: try suppressions.value.get()) }
            try commit.commit(batch)
            spare.append(batch)
        }
        return commit.snapshot()
    }
}

// MARK: - CampaignBatch

/// One block of a campaign CSV and the verdict on each of its rows: made by a worker
/// (`CampaignRowClassifier`), consumed in input order by `CampaignCommit`, then reused.
final class CampaignBatch: @unchecked Sendable {
    /// The rows' bytes, as read.
    let block: CSVBlock
    /// Where the rows start in `block`: after the header in the first block, else 0.
    var dataStart = 0
    /// The rows in order; blank lines are left out.
    var rows: [CampaignRow] = []
    /// How many lines the rows span (the line feeds in `block` after `dataStart`).
    var lineCount = 0
    /// Rows whose number is in Excel scientific notation, and the first of them with its line
    /// (counted from the block's first data line, 1).
    var excelMangled = 0
    var excelExample: (text: String, line: Int)?
    /// Rows kept with `--keep-invalid` although their number is invalid.
    var keptInvalid = 0
    /// True when the suppression list was still loading as the block was classified: its valid
    /// numbers are still to be looked up (`CampaignRowClassifier.lookUp`).
    var needsLookUp = false
    /// Malformed CSV in the block, or the failure reading it, with lines counted as for `excelExample`.
    var failure: CSVError?

    init(blockCapacity: Int) {
        block = CSVBlock(capacity: blockCapacity)
    }
}

/// One data row of a `CampaignBatch`: where its bytes are and what became of it.
struct CampaignRow {
    /// The verdict when the row may be sent (it can still be a `duplicate` with `--dedupe`).
    static let send: UInt8 = 0
    /// The verdict for an invalid number kept with `--keep-invalid` (never a duplicate).
    static let sendInvalid: UInt8 = 0xFF

    /// The record's offset in the block and its length, line terminator included.
    var start: UInt32
    var length: UInt32
    /// The number's match key (0 for an invalid number).
    var key: UInt64
    /// `send`, `sendInvalid`, or `dropped(_:)` for the reason it is dropped.
    var verdict: UInt8

    private static let reasons = CampaignDropReason.allCases

    /// The verdict of a row dropped for `reason`: 1 + its `index`.
    @inline(__always)
    static func dropped(_ reason: CampaignDropReason) -> UInt8 {
        1 &+ UInt8(truncatingIfNeeded: reason.index)
    }

    /// The reason a row with `verdict` is dropped, or nil when it is sent.
    @inline(__always)
    static func dropReason(of verdict: UInt8) -> CampaignDropReason? {
        verdict == send || verdict == sendInvalid ? nil : reasons[Int(verdict) &- 1]
    }
}

// MARK: - CampaignRowClassifier

/// Decides the fate of every row in a block, on a worker thread: one parse, one normalisation and
/// one suppression look-up per row. Everything that depends on rows before it (`--dedupe`, counts,
/// progress, line numbers) is left to `CampaignCommit`.
struct CampaignRowClassifier: Sendable {
    let suppressions: CampaignFilter.LoadingSuppressions
    let options: CampaignFilterOptions
    let column: Int
    let delimiter: UInt8

    /// Parses the block's rows and gives each its verdict; when the suppression list is not loaded
    /// yet, valid numbers keep `send` and the batch is marked `needsLookUp`.
    ///
    /// The rows are read by `CSVColumnScanner` as far as it vouches for them, and the rest (from a
    /// record it leaves, to the end of the block) by `CSVReader`, which also finds any malformed CSV.
    /// The numbers are looked up after the whole block is parsed, in a loop of look-ups only: the
    /// list is larger than the caches, and with nothing else in the loop the processor overlaps
    /// several of their memory reads (looking each up as it is parsed was a tenth slower).
    func classify(_ batch: CampaignBatch) {
        // The rows are collected in a local value (class properties would cost an exclusivity check
        // each); the row array is moved out of the batch and back to keep its capacity.
        var rows = batch.rows
        batch.rows = []
        rows.removeAll(keepingCapacity: true)
        var collected = CampaignRowCollector(rows: rows, normalizer: options.normalizer,
                                             keepInvalid: options.keepInvalid, dataStart: batch.dataStart)
        var list: SuppressionSet?
        if case .success(let loaded)? = suppressions.valueIfReady { list = loaded }
        let data = UnsafeRawBufferPointer(rebasing: batch.block.bytes[batch.dataStart...])
        var lineCount = 0
        defer {
            if let list { lookUp(&collected.rows, in: list) }
            batch.rows = collected.rows
            batch.excelMangled = collected.excelMangled
            batch.excelExample = collected.excelExample.map { example in
                (example.text, 1 &+ CSVChunk.lineFeedCount(in: UnsafeRawBufferPointer(rebasing: data[..<example.offset])))
            }
            batch.keptInvalid = collected.keptInvalid
            batch.lineCount = lineCount
            batch.needsLookUp = list == nil && !collected.rows.isEmpty
        }
        guard batch.failure == nil, let base = data.baseAddress else { return }
        var scanned = CSVColumnScanner.Stop(end: 0, lineFeeds: 0)
        if let scanner = CSVColumnScanner(delimiter: delimiter, column: column,
                                          maximumRecordSize: CampaignFilter.maximumRecordSize) {
            scanned = scanner.scan(data, into: &collected)
        }
        lineCount = scanned.lineFeeds
        guard scanned.end < data.count else { return }
        let reader = CSVReader(
            borrowing: UnsafeRawBufferPointer(rebasing: data[scanned.end...]), delimiter: delimiter,
            firstLine: 1 &+ scanned.lineFeeds, startsInput: false, endsInsideRecord: batch.block.endsInsideRecord,
            maximumRecordSize: CampaignFilter.maximumRecordSize)
        do {
            while try reader.next() {
                if reader.isBlank { continue }
                let record = reader.rawRecord
                let start = record.baseAddress! - base
                collected.visit(record: start..<start &+ record.count, value: reader.field(column))
            }
            lineCount = reader.lineNumber &- 1
        } catch {
            batch.failure = error
        }
    }

    /// Gives the valid numbers of a batch classified before the list was loaded their verdicts.
    func lookUp(_ batch: CampaignBatch, in list: SuppressionSet) {
        lookUp(&batch.rows, in: list)
        batch.needsLookUp = false
    }

    /// Gives the rows with a valid number (a match key) their verdicts from `list`.
    private func lookUp(_ rows: inout [CampaignRow], in list: SuppressionSet) {
        rows.withUnsafeMutableBufferPointer { rows in
            for index in rows.indices where rows[index].key != 0 {
                rows[index].verdict = verdict(for: rows[index].key, in: list)
            }
        }
    }

    /// `send`, or the suppression reason for the person with `key` (contract §2 via `SendingPolicy`).
    @inline(__always)
    private func verdict(for key: UInt64, in list: SuppressionSet) -> UInt8 {
        guard let suppression = options.policy.suppression(of: list.facts(for: key), for: options.category) else {
            return CampaignRow.send
        }
        return CampaignRow.dropped(CampaignDropReason(suppression))
    }
}

// MARK: - CampaignRowCollector

/// The rows of one block as they are parsed, each with its match key and, for an invalid number, its
/// verdict (the look-ups come after the block: `CampaignRowClassifier.classify`).
struct CampaignRowCollector: CSVColumnVisitor {
    var rows: [CampaignRow]
    var excelMangled = 0
    /// The first number in scientific notation, and its record's offset in the rows' bytes.
    var excelExample: (text: String, offset: Int)?
    var keptInvalid = 0
    let normalizer: PhoneNormalizer
    let keepInvalid: Bool
    /// Where the parsed bytes start in the block (row offsets are in the block).
    let dataStart: Int

    init(rows: [CampaignRow], normalizer: PhoneNormalizer, keepInvalid: Bool, dataStart: Int) {
        self.rows = rows
        self.normalizer = normalizer
        self.keepInvalid = keepInvalid
        self.dataStart = dataStart
    }

    /// Normalises the record's number and adds the row.
    @inline(__always)
    mutating func visit(record: Range<Int>, value: UnsafeRawBufferPointer) {
        var verdict = CampaignRow.send
        var key: UInt64 = 0
        switch normalizer.normalize(value) {
        case .success(let number):
            key = number.matchKey
        case .failure(let rejection):
            if case .scientificNotation(let text) = rejection {
                excelMangled &+= 1
                if excelExample == nil { excelExample = (text, record.lowerBound) }
            }
            if keepInvalid {
                keptInvalid &+= 1
                verdict = CampaignRow.sendInvalid
            } else {
                verdict = CampaignRow.dropped(.invalidNumber)
            }
        }
        rows.append(CampaignRow(
            start: UInt32(truncatingIfNeeded: dataStart &+ record.lowerBound),
            length: UInt32(truncatingIfNeeded: record.count), key: key, verdict: verdict))
    }
}

// MARK: - CampaignCommit

/// Takes the classified blocks in input order and does what depends on order: `--dedupe` (the first
/// row of a person is the one kept), the counts and the report, progress, line numbers in errors and
/// hints, and the writes. Kept rows that follow each other in the input go out as one write.
///
/// (Handing the runs of a block to one `writev(2)` instead of copying them into the sink's buffer was
/// measured and is slower: the kernel's copy from hundreds of small pieces cost more than the copy saved.)
struct CampaignCommit {
    var report = CampaignReport()
    private let output: ByteSink
    private let rejected: CSVWriter?
    private let dedupe: Bool
    private let interval: Int
    private let progress: ((CampaignReport) -> Void)?
    private var seen = MatchKeyTable()
    private var counts = [Int](repeating: 0, count: CampaignDropReason.allCases.count)
    private var untilProgress: Int
    /// Lines of the input before the current block's rows.
    private var linesBefore: Int

    init(options: CampaignFilterOptions, output: ByteSink, rejected: ByteSink?, delimiter: UInt8, linesBefore: Int,
         progress: ((CampaignReport) -> Void)?) {
        self.output = output
        self.rejected = rejected.map { CSVWriter(sink: $0, delimiter: delimiter) }
        self.dedupe = options.dedupe
        self.interval = options.progressInterval
        self.untilProgress = options.progressInterval
        self.progress = progress
        self.linesBefore = linesBefore
    }

    /// Copies the header to the output, and to the rejected rows with the `optout_reason` column.
    func writeHeader(_ record: UnsafeRawBufferPointer) throws(OptOutIOError) {
        try output.write(record)
        try rejected?.writeRaw(record, appending: "optout_reason")
    }

    /// The report so far.
    func snapshot() -> CampaignReport {
        var current = report
        for reason in CampaignDropReason.allCases where counts[reason.index] > 0 {
            current.skipped[reason] = counts[reason.index]
        }
        return current
    }

    /// Commits the next block: throws its failure (with its line in the whole input), or writes and
    /// counts its rows.
    mutating func commit(_ batch: CampaignBatch) throws {
        if let failure = batch.failure { throw failure.movedDown(by: linesBefore) }
        let base = batch.block.bytes.baseAddress!
        // The kept rows not yet written: base[runStart..<runEnd].
        var runStart = 0
        var runEnd = 0
        for row in batch.rows {
            var verdict = row.verdict
            if verdict == CampaignRow.send && dedupe && !seen.insert(row.key) {
                verdict = CampaignRow.dropped(.duplicate)
            }
            report.rows &+= 1
            let start = Int(row.start)
            let length = Int(row.length)
            if let reason = CampaignRow.dropReason(of: verdict) {
                counts[reason.index] &+= 1
                try rejected?.writeRaw(UnsafeRawBufferPointer(start: base + start, count: length), appending: reason.rawValue)
            } else {
                report.kept &+= 1
                if start != runEnd {
                    try output.write(UnsafeRawBufferPointer(start: base + runStart, count: runEnd &- runStart))
                    runStart = start
                }
                runEnd = start &+ length
            }
            untilProgress &-= 1
            if untilProgress == 0 {
                untilProgress = interval
                progress?(snapshot())
            }
        }
        try output.write(UnsafeRawBufferPointer(start: base + runStart, count: runEnd &- runStart))
        report.excelMangled &+= batch.excelMangled
        report.keptInvalid &+= batch.keptInvalid
        if report.excelExample == nil, let example = batch.excelExample {
            report.excelExample = (example.text, example.line &+ linesBefore)
        }
        linesBefore &+= batch.lineCount
    }
}
