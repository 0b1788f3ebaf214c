import CSQLite

import OptOutPlatform

/// One connection to an SQLite database file.
///
/// Owns the handle and a cache of prepared statements keyed by SQL text. Writes go through
/// `transaction(.write, …)`, which starts with `BEGIN IMMEDIATE` so a writer takes the write lock up
/// front and waits (up to the busy timeout) instead of failing half-way with `SQLITE_BUSY`
/// (https://www.sqlite.org/lang_transaction.html). Not thread-safe: one connection per thread.
/// Only the store (`Store/`) uses it; nothing outside `SQLite/` imports CSQLite.
public final class Database {
    /// How the file is opened.
    public enum Access: Sendable, Equatable {
        /// Read and write, creating the file with `mode` (0600 by default) when missing.
        case readWriteCreate(mode: mode_t = 0o600)
        /// Read and write; the file must exist.
        case readWrite
        /// Read only; the file must exist.
        case readOnly
    }

    let handle: OpaquePointer
    /// The path given at open.
    public let path: String
    /// True when this open created the file.
    public let created: Bool
    /// Milliseconds to wait for another connection's lock.
    let busyTimeout: Int32
    private var statements: [String: Statement] = [:]
    /// The statements of `SQLQuery`s, by slot.
    private var slotted: [Statement?] = []

    /// Opens `path`, refusing a file that is not an SQLite database without writing to it.
    ///
    /// - Parameter busyTimeout: milliseconds to wait for another connection's lock
    ///   (https://www.sqlite.org/c3ref/busy_timeout.html).
    public init(path: String, access: Access = .readWriteCreate(), busyTimeout: Int32 = 5000) throws(DatabaseError) {
        if case .readWriteCreate(let mode) = access { created = try Database.createFile(path, mode: mode) } else { created = false }
        try Database.checkHeader(path)
        let connection: OpaquePointer
        do {
            connection = try Database.connect(path, access: access, busyTimeout: busyTimeout, immutable: false)
        } catch where access == .readOnly && error.primaryCode == SQLITE_READONLY && Database.holdsNoUncheckpointedLog(path) {
            // A WAL database whose -shm file is missing cannot be read through a folder the process may
            // not write; reading it as immutable needs no -shm (https://www.sqlite.org/wal.html#readonly).
            // Immutable reads ignore the -wal file, so only when it is missing or empty: else the
            // changes in it (a command running, or one killed before its checkpoint) would be missed.
            connection = try Database.connect(path, access: access, busyTimeout: busyTimeout, immutable: true)
        }
        self.handle = connection
        self.path = path
        self.busyTimeout = busyTimeout
    }

    deinit {
        slotted.removeAll()
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: - Opening

    /// SQLite's process-wide configuration, set once before the first connection initialises it:
    /// no memory statistics (optout reads none, and they cost a global mutex on every allocation:
    /// 2M locks for 20,000 replayed messages). Refused only once SQLite is initialised, which only
    /// this file does.
    private static let configured: Void = { _ = csqlite_config_memstatus_off() }()

    /// Opens a connection and reads the schema, so SQLite checks the header before anything is written.
    private static func connect(
        _ path: String, access: Access, busyTimeout: Int32, immutable: Bool
    ) throws(DatabaseError) -> OpaquePointer {
        _ = configured
        var connection: OpaquePointer?
        var flags: Int32 = (access == .readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var name = path
        if immutable {
            flags |= SQLITE_OPEN_URI
            name = "file:" + uriEscaped(path) + "?immutable=1"
        }
        let code = sqlite3_open_v2(name, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            // sqlite3_open_v2 allocates a handle even on failure; it must be closed.
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            sqlite3_close_v2(connection)
            throw DatabaseError(extendedCode: code, message: "\(message): \(path)")
        }
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, busyTimeout)
        var message: UnsafeMutablePointer<CChar>?
        let check = sqlite3_exec(connection, "PRAGMA schema_version", nil, nil, &message)
        guard check == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "cannot read database"
            let extended = sqlite3_extended_errcode(connection)
            sqlite3_free(message)
            sqlite3_close_v2(connection)
            throw DatabaseError(extendedCode: extended, message: "\(text): \(path)")
        }
        return connection
    }

    /// True when the database at `path` has no `-wal` file or an empty one: its file alone holds
    /// every committed change.
    static func holdsNoUncheckpointedLog(_ path: String) -> Bool {
        var info = stat()
        guard stat(path + "-wal", &info) == 0 else { return errno == ENOENT }
        return info.st_size == 0
    }

    /// A path escaped for an SQLite `file:` URI (https://www.sqlite.org/uri.html).
    private static func uriEscaped(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x7F...:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" : "") + hex
            default:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }

    /// Creates a missing database file with `mode` (whatever the umask) so personal data is not
    /// readable by others; SQLite gives its -wal and -shm files the same mode
    /// (https://www.sqlite.org/tempfiles.html). Returns whether it created the file.
    private static func createFile(_ path: String, mode: mode_t) throws(DatabaseError) -> Bool {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if descriptor >= 0 {
            _ = fchmod(descriptor, mode)
            close(descriptor)
            return true
        }
        let error = errno
        if error == EEXIST { return false }
        throw DatabaseError(
            extendedCode: SQLITE_CANTOPEN,
            message: "cannot create database \(path): \(String(cString: strerror(error)))")
    }

    /// Refuses a non-empty file that does not start with SQLite's magic header, before SQLite opens it.
    private static func checkHeader(_ path: String) throws(DatabaseError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let error = errno
            let code = error == ENOENT ? SQLITE_CANTOPEN : (error == EACCES ? SQLITE_PERM : SQLITE_CANTOPEN)
            throw DatabaseError(extendedCode: code, message: "cannot open database \(path): \(String(cString: strerror(error)))")
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw DatabaseError(extendedCode: SQLITE_CANTOPEN, message: "\(path) is a directory, not a database")
        }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 16) }
        if count == 0 { return }
        let magic = Array("SQLite format 3\0".utf8)
        guard count == 16, header == magic else {
            throw DatabaseError(extendedCode: SQLITE_NOTADB, message: "\(path) is not an SQLite database")
        }
    }

    // MARK: - Statements

    /// The cached prepared statement for `sql`, prepared on first use.
    func statement(_ sql: String) throws(DatabaseError) -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(database: self, sql: sql)
        statements[sql] = statement
        StatementLog.notePrepared(sql)
        return statement
    }

    /// The statement of `query`: found by its slot, prepared (through the text cache) on first use.
    func statement(_ query: SQLQuery) throws(DatabaseError) -> Statement {
        if query.slot < slotted.count, let cached = slotted[query.slot] { return cached }
        let prepared = try statement(query.text)
        if query.slot >= slotted.count { slotted += Array(repeating: nil, count: query.slot + 1 - slotted.count) }
        slotted[query.slot] = prepared
        return prepared
    }

    /// Runs one statement that returns no rows.
    public func execute(_ sql: some SQLText, _ values: [SQLValue] = []) throws(DatabaseError) {
        let statement = try sql.statement(in: self)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Copies the whole database into `destination` with SQLite's online backup API, every page in one
    /// step, so the copy is one consistent snapshot even while other connections write: in WAL mode
    /// the step reads as any reader does and blocks no writer (https://www.sqlite.org/backup.html).
    public func backup(into destination: Database) throws(DatabaseError) {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw DatabaseError(
                extendedCode: sqlite3_extended_errcode(destination.handle), message: String(cString: sqlite3_errmsg(destination.handle)))
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE else {
            throw DatabaseError(extendedCode: step, message: "backup of \(path) stopped: \(String(cString: sqlite3_errstr(step)))")
        }
        guard finish == SQLITE_OK else {
            throw DatabaseError(extendedCode: finish, message: "backup of \(path) failed: \(String(cString: sqlite3_errstr(finish)))")
        }
    }

    /// Runs `body` with a busy timeout of zero, so that it gives up at once instead of waiting when
    /// another connection holds a lock; then restores `busyTimeout`.
    func withoutWaiting(_ body: () -> Void) {
        sqlite3_busy_timeout(handle, 0)
        defer { sqlite3_busy_timeout(handle, busyTimeout) }
        body()
    }

    /// Runs several `;`-separated statements without parameters (schema scripts, pragmas).
    public func executeScript(_ sql: String) throws(DatabaseError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw DatabaseError(extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Calls `body` for each row of a query.
    public func forEachRow(
        _ sql: some SQLText, _ values: [SQLValue] = [], _ body: (Row) throws -> Void
    ) throws {
        let statement = try sql.statement(in: self)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {
            try body(Row(statement: statement.handle))
        }
    }

    /// The rows of a query, each turned into a value by `transform`.
    public func rows<T>(_ sql: some SQLText, _ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(sql, values) { result.append(try transform($0)) }
        return result
    }

    /// The first row of a query turned into a value, or nil when there is none.
    public func firstRow<T>(_ sql: some SQLText, _ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> T? {
        let statement = try sql.statement(in: self)
        try statement.bind(values)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try transform(Row(statement: statement.handle))
    }

    /// The first column of the first row as an integer, nil when there is no row or it is NULL.
    public func scalarInt(_ sql: some SQLText, _ values: [SQLValue] = []) throws(DatabaseError) -> Int64? {
        let statement = try sql.statement(in: self)
        try statement.bind(values)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        let row = Row(statement: statement.handle)
        return row.optionalInt64(0)
    }

    /// The first column of the first row as text.
    public func scalarText(_ sql: some SQLText, _ values: [SQLValue] = []) throws(DatabaseError) -> String? {
        let statement = try sql.statement(in: self)
        try statement.bind(values)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return Row(statement: statement.handle).optionalText(0)
    }

    /// True when SQLite opened the file read-only (its permissions forbid writing).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last successful INSERT.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    // MARK: - Transactions

    /// How a transaction starts (https://www.sqlite.org/lang_transaction.html).
    public enum TransactionKind: Sendable {
        /// `BEGIN DEFERRED`: every query in it sees one snapshot; takes no write lock.
        case read
        /// `BEGIN IMMEDIATE`: takes the write lock up front, waiting up to the busy timeout, so a writer
        /// never fails half-way with `SQLITE_BUSY` after it has read.
        case write
    }

    /// How a transaction ends when its body returns.
    public enum TransactionEnd: Sendable {
        case commit
        /// Roll back what the body did (a dry run); the body's result is still returned.
        case rollback
    }

    /// True while a transaction started by `transaction(_:end:_:)` is open.
    public private(set) var isInTransaction = false

    /// Runs `body` in one transaction: commits (or, with `.rollback`, rolls back) when it returns,
    /// rolls back when it throws.
    ///
    /// Transactions do not nest: starting one inside another is a programming error and stops the
    /// process (a nested write would otherwise join a read transaction and lose `BEGIN IMMEDIATE`, and a
    /// nested rollback would have nothing of its own to undo).
    public func transaction<T>(_ kind: TransactionKind, end: TransactionEnd = .commit, _ body: () throws -> T) throws -> T {
        try transaction(kind) { (try body(), end) }
    }

    /// Runs `body` in one transaction that ends as the body decides: it returns its result and whether
    /// to commit or roll back (an all-or-nothing bulk change that found a refused row).
    public func transaction<T>(_ kind: TransactionKind, deciding body: () throws -> (T, TransactionEnd)) throws -> T {
        precondition(!isInTransaction, "a transaction was started inside another one")
        try execute(kind == .write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        isInTransaction = true
        defer { isInTransaction = false }
        do {
            let (result, end) = try body()
            try execute(end == .commit ? "COMMIT" : "ROLLBACK")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    // MARK: - Errors

    func error(code: Int32, sql: String?) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        return DatabaseError(
            extendedCode: (extended & 0xff) == (code & 0xff) ? extended : code,
            message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
