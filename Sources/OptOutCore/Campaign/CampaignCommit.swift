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
    /// Invalid numbers by why (`PhoneRejection.code`).
    private var invalidCounts: [UInt32: Int] = [:]
    /// The first lines of each specific reason: keyed by the drop reason's index, or for an invalid
    /// number by `1 << 32 | code`.
    private var exampleLines: [UInt64: [Int]] = [:]
    /// Lines kept per specific reason in `CampaignReport.examples`.
    static let examplesPerReason = 3
    private var untilProgress: Int
    /// Lines of the input before the current block's rows.
    private var linesBefore: Int
    /// Bytes of the input before the current block.
    private var bytesBefore = 0

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
        current.invalidReasons = invalidCounts
        for (key, lines) in exampleLines {
            let reason = key >> 32 == 1
                ? CampaignReport.specificReason(invalid: UInt32(truncatingIfNeeded: key))
                : CampaignDropReason.allCases[Int(key)].rawValue
            current.examples[reason] = lines
        }
        return current
    }

    /// Commits the next block: throws its failure (with its line in the whole input), or writes and
    /// counts its rows.
    mutating func commit(_ batch: CampaignBatch) throws {
        if let failure = batch.failure { throw failure.movedDown(by: linesBefore, bytes: bytesBefore) }
        let base = batch.block.bytes.baseAddress!
        // The kept rows not yet written: base[runStart..<runEnd].
        var runStart = 0
        var runEnd = 0
        let userKeys = batch.userKeys
        var index = -1
        // Line numbers for the examples, counted forward through the block as they are needed.
        var countedTo = batch.dataStart
        var countedLines = 0
        func line(of start: Int) -> Int {
            countedLines &+= CSVChunk.lineFeedCount(in: UnsafeRawBufferPointer(start: base + countedTo, count: start &- countedTo))
            countedTo = start
            return linesBefore &+ 1 &+ countedLines
        }
        for row in batch.rows {
            index &+= 1
            var verdict = row.verdict
            if verdict == CampaignRow.empty {
                report.empty &+= 1
                continue
            }
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
                let isInvalid = reason == .invalidNumber
                if isInvalid { invalidCounts[row.rejection, default: 0] &+= 1 }
                let exampleKey = isInvalid ? 1 << 32 | UInt64(row.rejection) : UInt64(reason.index)
                if exampleLines[exampleKey, default: []].count < Self.examplesPerReason {
                    exampleLines[exampleKey, default: []].append(line(of: start))
                }
                if let rejected {
                    let record = UnsafeRawBufferPointer(start: base + start, count: length)
                    if isInvalid {
                        try rejected.writeRaw(record, appending: CampaignReport.specificReason(invalid: row.rejection))
                    } else {
                        try rejected.writeRaw(record, appending: reason.rawValue)
                    }
                }
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
        for sample in batch.nationalSamples where report.nationalSamples.count < CampaignReport.nationalSampleLimit {
            report.nationalSamples.append(sample)
        }
        report.keptInvalid &+= batch.keptInvalid
        if report.excelExample == nil, let example = batch.excelExample {
            report.excelExample = (example.text, example.line &+ linesBefore)
        }
        linesBefore &+= batch.lineCount
        bytesBefore &+= batch.block.count
    }
}
