import CSQLite

/// An error reported by SQLite.
///
/// Carries SQLite's extended result code, its message and the SQL that failed, but never the values
/// bound to it: they may be personal data (https://www.sqlite.org/rescode.html).
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, e.g. `SQLITE_BUSY_SNAPSHOT` (517).
    public let extendedCode: Int32
    /// SQLite's message, or the library's own when SQLite gave none.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of the extended code), e.g. `SQLITE_BUSY`.
    public var primaryCode: Int32 { extendedCode & 0xff }

    /// True when another connection holds the lock past the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (while running: \(sql))" }
        return text
    }
}
