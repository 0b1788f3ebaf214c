import OptOutPlatform

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
        let userKeys = batch.userKeys
        var index = -1
        for row in batch.rows {
            index &+= 1
            var verdict = row.verdict
            // A row known only by its user id is deduplicated by that id.
            if verdict == CampaignRow.send && dedupe
                && !seen.insert(row.key != 0 || userKeys.isEmpty ? row.key : userKeys[index])
            {
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
