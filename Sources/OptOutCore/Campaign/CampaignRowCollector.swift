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
        if readsUserIDs { userKeys.append(0) }
    }

    /// Adds the row of a file with a user-id column: valid when its number or its user id is (contract
    /// §6: a row with neither is `invalid-number`).
    mutating func visit(record: Range<Int>, value: UnsafeRawBufferPointer, userID: UnsafeRawBufferPointer) {
        visit(record: record, value: value)
        guard !userID.isEmpty, let user = UserID(String(decoding: Self.trimmed(userID), as: UTF8.self)) else { return }
        userKeys[userKeys.count - 1] = user.matchKey
        let last = rows.count - 1
        if rows[last].key == 0 && rows[last].verdict != CampaignRow.send {
            // The number is invalid but the user id is not: the row is a valid recipient after all.
            if rows[last].verdict == CampaignRow.sendInvalid { keptInvalid &-= 1 }
            rows[last].verdict = CampaignRow.send
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
