import OptOutPlatform

/// One block of a campaign CSV and the verdict on each of its rows: made by a worker
/// (`CampaignRowClassifier`), consumed in input order by `CampaignCommit`, then reused.
final class CampaignBatch: @unchecked Sendable {
    /// The rows' bytes, as read.
    let block: CSVBlock
    /// Where the rows start in `block`: after the header in the first block, else 0.
    var dataStart = 0
    /// The rows in order; blank lines are left out.
    var rows: [CampaignRow] = []
    /// With a user-id column: each row's user-id match key (0 for none or an invalid one), in `rows`'
    /// order; empty otherwise, so a file without the column costs nothing more.
    var userKeys: [UInt64] = []
    /// How many lines the rows span (the line feeds in `block` after `dataStart`).
    var lineCount = 0
    /// Rows whose number is in Excel scientific notation, and the first of them with its line
    /// (counted from the block's first data line, 1).
    var excelMangled = 0
    var excelExample: (text: String, line: Int)?
    /// Rows kept with `--keep-invalid` although their number is invalid.
    var keptInvalid = 0
    /// The block's first national numbers read without a default country (`DefaultCountryGuess`).
    var nationalSamples: [[UInt8]] = []
    /// True when the suppression list was still loading as the block was classified: its valid
    /// numbers are still to be looked up (`CampaignRowClassifier.lookUp`).
    var needsLookUp = false
    /// Malformed CSV in the block, or the failure reading it, with lines counted as for `excelExample`.
    var failure: CSVError?

    init(blockCapacity: Int) {
        block = CSVBlock(capacity: blockCapacity)
    }
}
