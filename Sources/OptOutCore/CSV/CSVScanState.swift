import OptOutPlatform

/// The scanner's position within a record.
enum CSVScanState {
    case fieldStart, unquoted, quoted, quoteInQuoted, closedCR
}
