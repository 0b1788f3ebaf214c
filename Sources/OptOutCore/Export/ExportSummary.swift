/// What an export wrote.
public struct ExportSummary: Sendable, Equatable {
    /// Records written.
    public var records: Int
    /// With a cursor: its position before and after (after == before when nothing was new).
    public var cursorBefore: Int64?
    public var cursorAfter: Int64?
    /// False when the output's opener chose to write nothing (the cursor did not move).
    public var written = true
}
