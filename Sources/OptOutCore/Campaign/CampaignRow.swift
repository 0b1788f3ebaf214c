import OptOutPlatform

/// One data row of a `CampaignBatch`: where its bytes are and what became of it.
struct CampaignRow {
    /// The verdict when the row may be sent (it can still be a `duplicate` with `--dedupe`).
    static let send: UInt8 = 0
    /// The verdict for an invalid number kept with `--keep-invalid` (never a duplicate).
    static let sendInvalid: UInt8 = 0xFF
    /// The verdict for a row whose fields are all empty (`;;`): skipped, neither kept nor dropped.
    static let empty: UInt8 = 0xFE

    /// The record's offset in the block and its length, line terminator included.
    var start: UInt32
    var length: UInt32
    /// The number's match key (0 for an invalid number).
    var key: UInt64
    /// `send`, `sendInvalid`, `empty`, or `dropped(_:)` for the reason it is dropped.
    var verdict: UInt8
    /// Why the number is invalid (`PhoneRejection.code`), 0 when it is valid.
    var rejection: UInt32 = 0

    private static let reasons = CampaignDropReason.allCases

    /// The verdict of a row dropped for `reason`: 1 + its `index`.
    @inline(__always)
    static func dropped(_ reason: CampaignDropReason) -> UInt8 {
        1 &+ UInt8(truncatingIfNeeded: reason.index)
    }

    /// The reason a row with `verdict` is dropped, or nil when it is sent or empty.
    @inline(__always)
    static func dropReason(of verdict: UInt8) -> CampaignDropReason? {
        verdict == send || verdict == sendInvalid || verdict == empty ? nil : reasons[Int(verdict) &- 1]
    }
}
