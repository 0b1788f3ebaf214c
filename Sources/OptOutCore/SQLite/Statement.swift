import CSQLite

// MARK: - Values

/// A value bound to a statement parameter.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)

    /// `text` for a present string, `null` for nil.
    public static func optional(_ string: String?) -> SQLValue { string.map(SQLValue.text) ?? .null }
    /// `integer` for a present number, `null` for nil.
    public static func optional(_ value: Int64?) -> SQLValue { value.map(SQLValue.integer) ?? .null }
}

// MARK: - Statement

/// A prepared statement owned by a `Database`, reset and reused across calls.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text the statement was prepared from.
    public let sql: String
    private unowned let database: Database

    init(database: Database, sql: String) throws(DatabaseError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw database.error(code: code, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears previous bindings and binds `values` to parameters 1…n.
    func bind(_ values: [SQLValue]) throws(DatabaseError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .text(let string): code = sqlite3_bind_text(handle, index, string, -1, csqlite_transient())
            }
            guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
        }
    }

    /// Steps once: true when a row is available, false when done.
    func step() throws(DatabaseError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let failure = database.error(code: code, sql: sql)
            sqlite3_reset(handle)
            throw failure
        }
    }

    /// Resets the statement so it releases its read snapshot.
    func reset() { sqlite3_reset(handle) }
}

// MARK: - Row

/// The current row of a stepping statement; valid only inside the closure it is passed to.
public struct Row {
    let statement: OpaquePointer

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

    /// Column `index` as raw UTF-8 bytes without copying; valid until the next step.
    public func withUTF8<R>(_ index: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let count = Int(sqlite3_column_bytes(statement, index))
        let bytes = sqlite3_column_text(statement, index)
        return try body(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }
}
