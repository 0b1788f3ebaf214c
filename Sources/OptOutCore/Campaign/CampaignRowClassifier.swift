import OptOutPlatform

/// Decides the fate of every row in a block, on a worker thread: one parse, one normalisation and
/// one suppression look-up per row. Everything that depends on rows before it (`--dedupe`, counts,
/// progress, line numbers) is left to `CampaignCommit`.
struct CampaignRowClassifier: Sendable {
    let suppressions: CampaignFilter.LoadingSuppressions
    let options: CampaignFilterOptions
    let column: Int
    /// The user-id column, nil when the file has none.
    let userColumn: Int?
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
        let data = UnsafeRawBufferPointer(rebasing: batch.block.bytes[batch.dataStart...])
        var collected = CampaignRowCollector(rows: rows, normalizer: options.normalizer,
                                             keepInvalid: options.keepInvalid, dataStart: batch.dataStart, data: data,
                                             delimiter: delimiter, encoding: options.encoding)
        if userColumn != nil {
            collected.userKeys = batch.userKeys
            collected.userKeys.removeAll(keepingCapacity: true)
            collected.readsUserIDs = true
        }
        var list: SuppressionSet?
        if case .success(let loaded)? = suppressions.valueIfReady { list = loaded }
        var lineCount = 0
        defer {
            if let list { lookUp(&collected.rows, userKeys: collected.userKeys, in: list) }
            batch.rows = collected.rows
            batch.userKeys = collected.userKeys
            batch.excelMangled = collected.excelMangled
            batch.excelExample = collected.excelExample.map { example in
                (example.text, 1 &+ CSVChunk.lineFeedCount(in: UnsafeRawBufferPointer(rebasing: data[..<example.offset])))
            }
            batch.keptInvalid = collected.keptInvalid
            batch.nationalSamples = collected.nationalSamples
            batch.lineCount = lineCount
            batch.needsLookUp = list == nil && !collected.rows.isEmpty
        }
        guard batch.failure == nil, let base = data.baseAddress else { return }
        if options.encoding == .utf8, let problem = CSVError.utf8Problem(in: data, hint: TextEncoding.windows1252Hint) {
            // Offsets in the block, as the commit counts them.
            batch.failure = problem.movedDown(by: 0, bytes: batch.dataStart)
            return
        }
        var scanned = CSVColumnScanner.Stop(end: 0, lineFeeds: 0)
        // The scanner reads one column; a file with a user-id column is read by `CSVReader` alone.
        if userColumn == nil, let scanner = CSVColumnScanner(delimiter: delimiter, column: column,
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
                if let userColumn {
                    collected.visit(
                        record: start..<start &+ record.count, value: reader.field(column), userID: reader.field(userColumn))
                } else {
                    collected.visit(record: start..<start &+ record.count, value: reader.field(column))
                }
            }
            lineCount = reader.lineNumber &- 1
        } catch {
            batch.failure = error
        }
    }

    /// Gives the valid numbers of a batch classified before the list was loaded their verdicts.
    func lookUp(_ batch: CampaignBatch, in list: SuppressionSet) {
        lookUp(&batch.rows, userKeys: batch.userKeys, in: list)
        batch.needsLookUp = false
    }

    /// Gives the rows with a valid number (a match key) their verdicts from `list`; with user ids, a
    /// row the number lets through is looked up again by its user id (dropped when either is suppressed).
    private func lookUp(_ rows: inout [CampaignRow], userKeys: [UInt64], in list: SuppressionSet) {
        rows.withUnsafeMutableBufferPointer { rows in
            for index in rows.indices where rows[index].key != 0 {
                rows[index].verdict = verdict(for: rows[index].key, in: list)
            }
            guard !userKeys.isEmpty else { return }
            for index in rows.indices where userKeys[index] != 0 && rows[index].verdict == CampaignRow.send {
                rows[index].verdict = verdict(for: userKeys[index], in: list)
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
