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
    /// With a user-id column: each row's user-id key, in row order (`CampaignBatch.userKeys`).
    var userKeys: [UInt64] = []
    var readsUserIDs = false
    /// The rows' bytes (record ranges are offsets in them), to tell an empty row from an empty number.
    let data: UnsafeRawBufferPointer
    let delimiter: UInt8
    /// The first national numbers read without a default country, for `DefaultCountryGuess`.
    var nationalSamples: [[UInt8]] = []

    /// Windows-1252 numbers (with a byte of 0x80 or more, rare) are converted before they are read.
    let encoding: TextEncoding

    init(rows: [CampaignRow], normalizer: PhoneNormalizer, keepInvalid: Bool, dataStart: Int, data: UnsafeRawBufferPointer,
         delimiter: UInt8, encoding: TextEncoding = .utf8) {
        self.rows = rows
        self.encoding = encoding
        self.normalizer = normalizer
        self.keepInvalid = keepInvalid
        self.dataStart = dataStart
        self.data = data
        self.delimiter = delimiter
    }

    /// Normalises the record's number and adds the row.
    @inline(__always)
    mutating func visit(record: Range<Int>, value: UnsafeRawBufferPointer) {
        if encoding == .windows1252, TextEncoding.hasHighBytes(value) {
            TextEncoding.utf8(fromWindows1252: value).withUnsafeBytes { add(record: record, value: $0) }
        } else {
            add(record: record, value: value)
        }
    }

    /// Adds the row of `record`, whose number reads as the UTF-8 `value`. (The switch is on the
    /// normaliser's result directly: held in a variable first, the result, whose rejections may carry a
    /// string, was copied and destroyed for every row.)
    @inline(__always)
    private mutating func add(record: Range<Int>, value: UnsafeRawBufferPointer) {
        var verdict = CampaignRow.send
        var key: UInt64 = 0
        var code: UInt32 = 0
        switch normalizer.normalize(value) {
        case .success(let number):
            key = number.matchKey
        case .failure(let rejection):
            code = rejection.code
            switch rejection {
            case .scientificNotation(let text):
                excelMangled &+= 1
                if excelExample == nil { excelExample = (text, record.lowerBound) }
            case .needsDefaultCountry:
                // As many as the report keeps, so that the first of the file are kept whatever the blocks.
                if nationalSamples.count < CampaignReport.nationalSampleLimit { nationalSamples.append(Array(value)) }
            case .empty where isEmptyRecord(record):
                verdict = CampaignRow.empty
            default:
                break
            }
            if verdict == CampaignRow.empty {
                code = 0
            } else if keepInvalid {
                keptInvalid &+= 1
                verdict = CampaignRow.sendInvalid
            } else {
                verdict = CampaignRow.dropped(.invalidNumber)
            }
        }
        rows.append(CampaignRow(
            start: UInt32(truncatingIfNeeded: dataStart &+ record.lowerBound),
            length: UInt32(truncatingIfNeeded: record.count), key: key, verdict: verdict, rejection: code))
        if readsUserIDs { userKeys.append(0) }
    }

    /// Whether every field of the record is empty or blank (`;;`, `"";""`): a row a spreadsheet left,
    /// skipped and counted, never an invalid number.
    private func isEmptyRecord(_ record: Range<Int>) -> Bool {
        for index in record {
            let byte = data[index]
            guard byte == delimiter || byte == CSVByte.quote || byte == CSVByte.space || byte == CSVByte.tab
                || byte == CSVByte.carriageReturn || byte == CSVByte.lineFeed else { return false }
        }
        return true
    }

    /// Adds the row of a file with a user-id column: valid when its number or its user id is (contract
    /// §6: a row with neither is `invalid-number`).
    mutating func visit(record: Range<Int>, value: UnsafeRawBufferPointer, userID: UnsafeRawBufferPointer) {
        visit(record: record, value: value)
        guard !userID.isEmpty, let user = UserID(Self.trimmed(userID)) else { return }
        userKeys[userKeys.count - 1] = user.matchKey
        let last = rows.count - 1
        if rows[last].key == 0 && rows[last].verdict != CampaignRow.send {
            // The number is invalid but the user id is not: the row is a valid recipient after all.
            if rows[last].verdict == CampaignRow.sendInvalid { keptInvalid &-= 1 }
            rows[last].verdict = CampaignRow.send
            rows[last].rejection = 0
        }
    }

    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start &+= 1 }
        while end > start, bytes[end &- 1] == 0x20 || bytes[end &- 1] == 0x09 { end &-= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }
}
