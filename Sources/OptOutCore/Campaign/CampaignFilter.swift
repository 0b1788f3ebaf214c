import OptOutPlatform

// MARK: - CampaignFilterOptions

// MARK: - CampaignFilter

/// Cleans a recipient CSV before a campaign (contract §6): one streaming pass, one normalisation and one
/// hash look-up per row.
///
/// The header and every kept row are copied to `output` byte for byte as read (BOM, quoting, CRLF
/// and all). Each dropped row goes to `rejected` (when given) with an extra last column
/// `optout_reason`. A row's fate, in order: an invalid number is `invalid-number` (kept with
/// `keepInvalid`); else `SendingPolicy.suppression(of:for:)` on the listed facts of its match key
/// (`blocked`, `opted-out`, `marketing-stopped`, `not-opted-in`); else, with `dedupe`, a match key
/// already kept is `duplicate`. Blank lines are skipped and not counted; rows of empty fields are
/// skipped and counted as `empty`. Every block is checked to be UTF-8 unless the options say
/// Windows-1252 (`TextEncoding`), so that a file in another encoding stops with its line and byte.
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
        let headerRecord = headerReader.rawRecord
        let header: [String]
        switch options.encoding {
        case .utf8:
            if let problem = CSVError.utf8Problem(in: headerRecord, hint: TextEncoding.hint(forInputStarting: first.block.bytes)) {
                throw problem
            }
            header = (0..<headerReader.fieldCount).map(headerReader.fieldString)
        case .windows1252:
            header = (0..<headerReader.fieldCount).map { String(decoding: TextEncoding.utf8(fromWindows1252: headerReader.field($0)), as: UTF8.self) }
        }
        guard let column = PhoneColumn.find(in: header, requested: options.column) else {
            throw PhoneColumn.notFound(in: header, requested: options.column)
        }
        first.dataStart = headerRecord.count
        var commit = CampaignCommit(
            options: options, output: output, rejected: rejected, delimiter: headerReader.delimiter,
            linesBefore: CSVChunk.lineFeedCount(in: headerRecord), progress: progress)
        commit.report.phoneColumn = column
        commit.report.phoneColumnName = header[column]
        if options.column == nil { commit.report.phoneColumnCandidates = PhoneColumn.candidates(in: header, besides: column).map { header[$0] } }
        let userColumn = PhoneColumn.findUserID(in: header, requested: options.userIDColumn)
        if options.userIDColumn != nil && userColumn == nil {
            throw OptOutError(.badInput, "no column '\(options.userIDColumn!)' in the header; columns are: \(PhoneColumn.list(header))")
        }
        if let userColumn, userColumn != column { commit.report.userIDColumnName = header[userColumn] }
        commit.report.delimiter = headerReader.delimiter
        try commit.writeHeader(headerRecord)

        let classifier = CampaignRowClassifier(
            suppressions: suppressions, options: options, column: column,
            userColumn: userColumn == column ? nil : userColumn, delimiter: headerReader.delimiter)
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
        var report = commit.snapshot()
        report.guessDefaultCountry()
        return report
    }
}

// MARK: - CampaignBatch

// MARK: - CampaignRowClassifier

// MARK: - CampaignRowCollector

// MARK: - CampaignCommit
