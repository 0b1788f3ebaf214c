import OptOutPlatform

/// The opt-out list: entries, the event log, settings and export cursors, in one SQLite database.
///
/// The store owns every SQL statement. Callers work in transactions they hold as values:
/// `read { transaction in … }` gives a `ReadTransaction` (one snapshot), `write { transaction in … }` a
/// `WriteTransaction` (`BEGIN IMMEDIATE`, all or nothing). Every change of state goes through
/// `WriteTransaction.record(_:recordedAt:)`, so the rules of contract §2 (event-time ordering, one event
/// per change, imports never lowering a suppression) live in one place. The operations speak domain
/// types only (entries, events, cursors, settings, and `StoredRow` for streaming exports), so that
/// another backend could provide the same transactions without the commands changing.
public final class OptOutStore {
    /// The connection. Only the store's own files (and tests) use it.
    let database: Database
    /// Where the database lives, for messages.
    public let path: String
    /// True when the file could only be opened read-only.
    public let isReadOnly: Bool

    /// True when this open created the database file.
    public let wasCreated: Bool
    /// The operating-system user running this process, recorded with every event (contract §2); looked
    /// up on the first write, so that commands that only read do not pay for the user database.
    lazy var osUser: String? = loginName(ofUser: geteuid())

    // MARK: - Opening

    /// Opens the database at `path` and brings its schema up to date.
    ///
    /// In order, before SQLite writes anything: the files must be safe (`DatabaseFiles`, else 77); a
    /// missing file is created or refused as `opening` says (66); the file must be an SQLite database
    /// (65) carrying optout's marker, or be empty, or be a database of optout's first release, which is
    /// adopted; a schema version this build does not know (newer, or one no release writes) is refused
    /// (65). Only then is the journal switched to WAL and are migrations run. A file that exists but
    /// cannot be written is opened read-only when `opening.readOnlyAllowed`.
    public init(path: String, opening: StoreOpening) throws(OptOutError) {
        self.path = path
        try DatabaseFiles.checkSafe(path)
        if opening.whenMissing == .refuse, access(path, F_OK) != 0, errno == ENOENT {
            throw OptOutError(.inputMissing, "no database at \(path)")
        }
        let opened = Result { () throws -> (Database, Bool) in
            let (database, readOnly) = try OptOutStore.open(path, opening: opening)
            try OptOutStore.prepare(database, readOnly: readOnly, path: path)
            return (database, readOnly)
        }
        switch opened {
        case .success(let (database, readOnly)):
            self.database = database
            self.isReadOnly = readOnly
            self.wasCreated = database.created
        case .failure(let error):
            throw OptOutStore.storeError(error, path: path)
        }
    }

    /// Opens the database at `path` for writing, creating it when missing (`StoreOpening.write`).
    public convenience init(path: String) throws(OptOutError) {
        try self.init(path: path, opening: .write)
    }

    /// Opens read-write (creating when allowed), falling back to read-only when allowed and the file
    /// cannot be written.
    private static func open(_ path: String, opening: StoreOpening) throws -> (Database, Bool) {
        let access: Database.Access =
            opening.whenMissing == .create ? .readWriteCreate(mode: opening.fileMode.bits) : .readWrite
        do {
            let database = try Database(path: path, access: access, busyTimeout: opening.busyTimeout)
            guard database.isReadOnly else { return (database, false) }
            guard opening.readOnlyAllowed else {
                throw OptOutError(.cannotCreate, "database \(path) is read-only (no write permission)")
            }
            return (database, true)
        } catch let error as DatabaseError {
            let permission = error.kind == .cannotOpen || error.kind == .readOnly
            guard opening.readOnlyAllowed, permission else { throw error }
            return (try Database(path: path, access: .readOnly, busyTimeout: opening.busyTimeout), true)
        }
    }

    /// Checks the schema marker and version, then sets WAL and `synchronous=NORMAL`
    /// (https://www.sqlite.org/wal.html: durable across application crashes, and readers never wait for
    /// the writer) and runs pending migrations.
    private static func prepare(_ database: Database, readOnly: Bool, path: String) throws {
        let version = try Schema.identify(database, path: path)
        if readOnly {
            guard version == Schema.version else {
                throw OptOutError(.cannotCreate, "database \(path) is read-only and needs a schema upgrade")
            }
            return
        }
        if try database.scalarText("PRAGMA journal_mode") != "wal" {
            try database.executeScript("PRAGMA journal_mode=WAL")
        }
        try database.executeScript("PRAGMA synchronous=NORMAL")
        guard version < Schema.version else { return }
        try database.transaction(.write) {
            // Another process may have migrated while this one waited for the lock.
            let current = try Schema.identify(database, path: path)
            guard current < Schema.version else { return }
            for migration in Schema.migrations.dropFirst(Int(current)) {
                try database.executeScript(migration)
            }
            try database.executeScript(
                "PRAGMA user_version = \(Schema.version); PRAGMA application_id = \(Schema.applicationID)")
        }
    }

    // MARK: - Transactions

    /// Identifies the open transaction, so that a transaction value used after its body has returned
    /// is caught (a precondition failure) instead of running outside any transaction.
    private var transactionSerial: UInt64 = 0
    private var openSerial: UInt64 = 0

    /// Runs `body` in one read transaction: everything it reads comes from one snapshot.
    ///
    /// `body` may throw anything; what leaves the store is an `OptOutError` (an `OptOutError` as it
    /// is, an SQLite or I/O error worded for people, anything else an internal error).
    public func read<T>(_ body: (ReadTransaction) throws -> T) throws(OptOutError) -> T {
        try transaction(.read) { serial in (try body(ReadTransaction(store: self, serial: serial)), .commit) }
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`): when it returns, all of it is
    /// committed, or with `.rollback` (a dry run) none of it; when it throws, none of it.
    ///
    /// With `.full` durability the commit waits until the write-ahead log is on the disk
    /// (`synchronous=FULL`): for what a customer sent or was told, which a power cut must not undo
    /// once the confirmation is out. Otherwise `synchronous=NORMAL`: durable across application crashes,
    /// and a power cut may lose the last commits (https://www.sqlite.org/pragma.html#pragma_synchronous).
    public func write<T>(
        _ end: Database.TransactionEnd = .commit, durability: Durability = .normal, _ body: (WriteTransaction) throws -> T
    ) throws(OptOutError) -> T {
        try write(durability: durability) { transaction in (try body(transaction), end) }
    }

    /// `write`, ending as the body decides: it returns its result and `.commit` or `.rollback`, so an
    /// all-or-nothing change can check every row inside the transaction and keep none of them.
    public func write<T>(
        durability: Durability = .normal, deciding body: (WriteTransaction) throws -> (T, Database.TransactionEnd)
    ) throws(OptOutError) -> T {
        if durability != synchronous {
            // The safety level may not change inside a transaction; it is set before BEGIN.
            try sql { try database.executeScript(durability == .full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL") }
            synchronous = durability
        }
        return try transaction(.write) { serial in
            let transaction = WriteTransaction(store: self, serial: serial)
            let (result, end) = try body(transaction)
            // Data minimisation rides on every write that keeps its changes (`keep-message-text-days`).
            if end == .commit {
                try transaction.applyMessageTextRetention(at: Timestamp.now())
                committed = true
            }
            return (result, end)
        }
    }

    /// How a write transaction's commit meets the disk.
    public enum Durability: Sendable, Equatable {
        /// `synchronous=NORMAL` (the connection's default).
        case normal
        /// `synchronous=FULL`: the commit is on the disk when `write` returns.
        case full
    }

    /// The connection's current `synchronous` level.
    private var synchronous = Durability.normal

    /// Runs `body` in one transaction identified by a new serial, ending as it decides.
    private func transaction<T>(
        _ kind: Database.TransactionKind, _ body: (UInt64) throws -> (T, Database.TransactionEnd)
    ) throws(OptOutError) -> T {
        do {
            return try database.transaction(kind) { () throws -> (T, Database.TransactionEnd) in
                transactionSerial &+= 1
                openSerial = transactionSerial
                defer { openSerial = 0 }
                return try body(transactionSerial)
            }
        } catch {
            throw OptOutStore.storeError(error, path: path)
        }
    }

    /// Stops the process when a transaction value is used outside the body it was given to.
    @inline(__always)
    func checkOpen(_ serial: UInt64) {
        precondition(serial == openSerial, "a store transaction was used after its body returned")
    }

    /// Runs SQL, turning SQLite errors into `OptOutError`s naming the database: the one place where the
    /// errors of the layers below become the core's.
    func sql<T>(_ body: () throws -> T) throws(OptOutError) -> T {
        do { return try body() } catch { throw OptOutStore.storeError(error, path: path) }
    }

    private static func storeError(_ error: any Error, path: String) -> OptOutError {
        switch error {
        case let error as OptOutError: error
        case let error as DatabaseError: OptOutError(error, path: path)
        case let error as OptOutIOError: OptOutError(error)
        default: OptOutError(.internal, "database \(path): \(error)")
        }
    }

    // MARK: - Tuning

    /// True once a write transaction of this connection has committed.
    private var committed = false

    /// A connection that wrote leaves the planner's statistics current as it closes, as SQLite advises
    /// for short-lived connections (https://www.sqlite.org/pragma.html#pragma_optimize).
    ///
    /// `PRAGMA optimize` before SQLite 3.46 only re-analyses tables whose statistics the connection's
    /// queries used, so it never starts: the log is analysed here once it holds 1000 events, and again
    /// whenever it has grown fourfold since (a sampled `ANALYZE`, https://www.sqlite.org/lang_analyze.html#approx:
    /// 90 ms at a million events). It never waits for another writer's lock: when busy, the next
    /// writer does it.
    deinit {
        guard committed else { return }
        database.withoutWaiting {
            let events = (try? database.scalarInt("SELECT max(id) FROM events")) ?? nil ?? 0
            let analysed = (try? database.scalarInt("SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE idx = 'events_by_identifier'")) ?? nil
            let stale = events >= 1000 && analysed.map { events > 4 * $0 } ?? true
            try? database.executeScript(stale ? "PRAGMA analysis_limit=400; ANALYZE" : "PRAGMA analysis_limit=400; PRAGMA optimize")
        }
    }

    /// Tunes the connection for a bulk run of many transactions: the write-ahead log may grow to
    /// 64 MiB (16384 pages) before this connection checkpoints it, since checkpointing every 1000 pages
    /// (the default) would fsync the database after nearly every batch
    /// (https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint); and the page cache holds 8 MiB
    /// instead of 2, which keeps the upper levels of every index and the hot entries in memory: a
    /// million-message replay makes 40% fewer system calls (5.5 s of system time becomes 3.5 s) and
    /// stays under 30 MB (https://www.sqlite.org/pragma.html#pragma_cache_size). Temporary tables stay
    /// in memory: the rows `WriteTransaction.deferringRecords(in:_:)` holds back are at most
    /// `DeferredRecords.capacity` a table, and written to a temporary file they nearly doubled the
    /// `pwrite` calls of a bulk block (https://www.sqlite.org/pragma.html#pragma_temp_store).
    public func tuneForBulkWrites() {
        try? database.executeScript("PRAGMA wal_autocheckpoint = 16384; PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY")
    }
}
