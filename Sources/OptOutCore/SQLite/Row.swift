import CSQLite

/// The current row of a stepping statement; valid only inside the closure it is passed to.
public struct Row {
    let statement: OpaquePointer

    /// The number of columns of the row.
    public var columnCount: Int32 { sqlite3_column_count(statement) }

    /// True when column `index` is NULL.
    public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    /// Column `index` as an integer (0 for NULL).
    public func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(statement, index) }

    /// Column `index` as an integer, nil for NULL.
    public func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }

    /// Column `index` as text ("" for NULL).
    public func text(_ index: Int32) -> String { optionalText(index) ?? "" }

    /// Column `index` as text, nil for NULL.
    public func optionalText(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `index` as raw UTF-8 bytes without copying (empty for NULL); valid until the row steps.
    @inline(__always)
    public func textBytes(_ index: Int32) -> UnsafeRawBufferPointer {
        let bytes = sqlite3_column_text(statement, index)
        let count = Int(sqlite3_column_bytes(statement, index))
        return UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count)
    }

    /// Calls `body` with column `index`'s UTF-8 bytes without copying; see `textBytes(_:)`.
    public func withUTF8<R>(_ index: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(textBytes(index))
    }
}
