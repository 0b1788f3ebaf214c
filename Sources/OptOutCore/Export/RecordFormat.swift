/// A machine-readable output format for entries and events.
public enum RecordFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header line (written even when there are no rows).
    case csv
    /// One JSON array.
    case json
    /// JSON Lines: one object a line.
    case jsonl
}
