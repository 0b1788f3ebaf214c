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

    /// Options with the defaults of `optout filter-campaign`.
    public init(
        column: String? = nil, delimiter: UInt8? = nil, category: Category = .marketing,
        policy: SendingPolicy = SendingPolicy(), dedupe: Bool = false, keepInvalid: Bool = false,
        normalizer: PhoneNormalizer = PhoneNormalizer(), inputName: String = "input", progressInterval: Int = 100_000
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
    }
}

// MARK: - CampaignFilter

/// Cleans a recipient CSV before a campaign (SPEC §6): one streaming pass, one normalisation and one
/// hash look-up per row.
///
/// The header and every kept row are copied to `output` byte for byte as read (BOM, quoting, CRLF
/// and all). Each dropped row goes to `rejected` (when given) with an extra last column
/// `optout_reason`. A row's fate, in order: an invalid number is `invalid-number` (kept with
/// `keepInvalid`); else `SendingPolicy.suppression(of:for:)` on the listed facts of its match key
/// (`blocked`, `opted-out`, `marketing-stopped`, `not-opted-in`); else, with `dedupe`, a match key
/// already kept is `duplicate`. Blank lines are skipped and not counted.
///
/// Memory: the reader's buffer (the longest record), the two 64 KiB sink buffers, and the
/// `SuppressionSet`; with `dedupe` also a set of the match keys kept so far, which grows with the
/// number of distinct recipients (about 18 bytes each) — the one part that depends on the CSV.
///
/// Errors (`OptOutError`): malformed CSV → `.badInput` "NAME: line N: unterminated quoted field";
/// empty input or no phone column → `.badInput` (the latter lists the headers); a read or write
/// failure → the `OptOutIOError`'s kind. The sinks are not flushed or committed: on success the
/// caller flushes or commits them; on error it discards them so no partial file is left.
public enum CampaignFilter {
    /// The longest CSV record accepted, in bytes (1 MiB): a longer one is malformed input (exit 65),
    /// which keeps memory bounded whatever the file holds (a 100 MB field is refused, not buffered).
    public static let maximumRecordSize = 1 << 20

    /// Filters a file or standard input.
    public static func run(
        source: FileByteSource, suppressions: SuppressionSet, options: CampaignFilterOptions, output: ByteSink,
        rejected: ByteSink? = nil, progress: ((CampaignReport) -> Void)? = nil
    ) throws(OptOutError) -> CampaignReport {
        try filter(source: source, suppressions: suppressions, options: options, output: output,
                   rejected: rejected, bufferSize: 1 << 18, progress: progress)
    }

    /// Filters any byte source (tests use `MemoryByteSource` with short reads); `bufferSize` is the
    /// reader's initial buffer.
    public static func run<Source: ByteSource>(
        source: Source, suppressions: SuppressionSet, options: CampaignFilterOptions, output: ByteSink,
        rejected: ByteSink? = nil, bufferSize: Int = 1 << 16, progress: ((CampaignReport) -> Void)? = nil
    ) throws(OptOutError) -> CampaignReport {
        try filter(source: source, suppressions: suppressions, options: options, output: output,
                   rejected: rejected, bufferSize: bufferSize, progress: progress)
    }

    // MARK: - The pass

    private static func filter<Source: ByteSource>(
        source: Source, suppressions: SuppressionSet, options: CampaignFilterOptions, output: ByteSink,
        rejected: ByteSink?, bufferSize: Int, progress: ((CampaignReport) -> Void)?
    ) throws(OptOutError) -> CampaignReport {
        let reader = CSVReader(
            source: source, delimiter: options.delimiter, bufferSize: min(bufferSize, maximumRecordSize),
            maximumRecordSize: maximumRecordSize)
        do {
            return try filterRows(reader, suppressions: suppressions, options: options, output: output,
                                  rejected: rejected, progress: progress)
        } catch let error as CSVError {
            if let readError = error.readError { throw OptOutError(readError) }
            throw OptOutError(.badInput, "\(options.inputName): \(error.message)")
        } catch let error as OptOutIOError {
            throw OptOutError(error)
        } catch let error as OptOutError {
            throw error
        } catch {
            throw OptOutError(.internal, "\(error)")
        }
    }

    private static func filterRows<Source: ByteSource>(
        _ reader: CSVReader<Source>, suppressions: SuppressionSet, options: CampaignFilterOptions,
        output: ByteSink, rejected: ByteSink?, progress: ((CampaignReport) -> Void)?
    ) throws -> CampaignReport {
        var report = CampaignReport()
        guard try reader.next() else {
            throw OptOutError(.badInput, "\(options.inputName): empty input, no header row")
        }
        let header = (0..<reader.fieldCount).map(reader.fieldString)
        guard let column = PhoneColumn.find(in: header, requested: options.column) else {
            throw PhoneColumn.notFound(in: header, requested: options.column)
        }
        report.phoneColumn = column
        report.phoneColumnName = header[column]
        report.delimiter = reader.delimiter
        try output.write(reader.rawRecord)
        let rejectedWriter = rejected.map { CSVWriter(sink: $0, delimiter: reader.delimiter) }
        try rejectedWriter?.writeRaw(reader.rawRecord, appending: "optout_reason")

        // Everything the loop reads, in locals.
        let normalizer = options.normalizer
        let policy = options.policy
        let category = options.category
        let dedupe = options.dedupe
        let keepInvalid = options.keepInvalid
        let interval = options.progressInterval
        var seen = MatchKeyTable()
        var counts = (0, 0, 0, 0, 0, 0)
        var rows = 0
        var kept = 0
        var untilProgress = interval

        func snapshot() -> CampaignReport {
            var current = report
            current.rows = rows
            current.kept = kept
            let all = [counts.0, counts.1, counts.2, counts.3, counts.4, counts.5]
            for reason in CampaignDropReason.allCases where all[reason.index] > 0 {
                current.skipped[reason] = all[reason.index]
            }
            return current
        }

        while try reader.next() {
            if reader.isBlank { continue }
            rows &+= 1
            var drop: CampaignDropReason?
            switch normalizer.normalize(reader.field(column)) {
            case .success(let number):
                let key = number.matchKey
                if let suppression = policy.suppression(of: suppressions.facts(for: key), for: category) {
                    drop = CampaignDropReason(suppression)
                } else if dedupe && !seen.insert(key) {
                    drop = .duplicate
                }
            case .failure(let rejection):
                if case .scientificNotation(let text) = rejection {
                    report.excelMangled += 1
                    if report.excelExample == nil { report.excelExample = (text, reader.lineNumber) }
                }
                if keepInvalid {
                    report.keptInvalid += 1
                } else {
                    drop = .invalidNumber
                }
            }
            if let drop {
                switch drop.index {
                case 0: counts.0 &+= 1
                case 1: counts.1 &+= 1
                case 2: counts.2 &+= 1
                case 3: counts.3 &+= 1
                case 4: counts.4 &+= 1
                default: counts.5 &+= 1
                }
                try rejectedWriter?.writeRaw(reader.rawRecord, appending: drop.rawValue)
            } else {
                kept &+= 1
                try output.write(reader.rawRecord)
            }
            untilProgress &-= 1
            if untilProgress == 0 {
                untilProgress = interval
                progress?(snapshot())
            }
        }
        return snapshot()
    }
}
