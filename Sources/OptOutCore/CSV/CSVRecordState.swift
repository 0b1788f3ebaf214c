import OptOutPlatform

/// What the reader changes on every record, kept behind a pointer: stored properties of the class
/// would each cost a runtime exclusivity check per record.
struct CSVRecordState {
    /// The current record's field spans.
    var spans: CSVSpanList
    /// The delimiter in use.
    var delimiter: UInt8
    /// The 1-based line where the current record starts.
    var lineNumber: Int
}
