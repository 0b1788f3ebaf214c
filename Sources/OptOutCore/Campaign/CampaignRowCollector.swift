import OptOutPlatform

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
