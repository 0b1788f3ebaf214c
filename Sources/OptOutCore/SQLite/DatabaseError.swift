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
    public var isBusy: Bool { kind == .busy }

    /// What went wrong, in terms a caller can act on without knowing SQLite's codes.
    public enum Kind: Sendable, Equatable {
        /// Locked by another connection past the busy timeout: try again.
        case busy
        /// The file is not an SQLite database.
        case notADatabase
        /// The file is damaged.
        case corrupt
        /// The database, or its folder, may not be written.
        case readOnly
        /// The file cannot be opened or created (missing folder, permissions).
        case cannotOpen
        /// The disk is full, or the operating system reported an I/O error.
        case io
        /// Anything else: a bug, a constraint, a misuse.
        case other
    }

    /// The kind of this error, from its primary code (https://www.sqlite.org/rescode.html).
    public var kind: Kind {
        switch primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED: .busy
        case SQLITE_NOTADB: .notADatabase
        case SQLITE_CORRUPT: .corrupt
        case SQLITE_READONLY: .readOnly
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH: .cannotOpen
        case SQLITE_FULL, SQLITE_IOERR: .io
        default: .other
        }
    }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (while running: \(sql))" }
        return text
    }
}
