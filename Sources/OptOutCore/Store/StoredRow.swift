/// One row of a streaming export, read by column position without decoding: what `RecordWriter`
/// writes byte for byte. SQLite's `Row` is one; another backend would give its own.
public protocol StoredRow {
    /// True when column `index` is NULL.
    func isNull(_ index: Int32) -> Bool
    /// Column `index` as an integer (0 for NULL).
    func int64(_ index: Int32) -> Int64
    /// Column `index` as UTF-8 bytes (empty for NULL), valid until the next row.
    func textBytes(_ index: Int32) -> UnsafeRawBufferPointer
}

extension Row: StoredRow {}
