import CSQLite

/// A prepared statement owned by a `Database`, reset and reused across calls.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text the statement was prepared from.
    public let sql: String
    private unowned let database: Database
    /// How many parameters the SQL declares (its highest `?NNN`).
    private let parameterCount: Int
    /// Where `bind` copies the texts it binds (`SQLITE_STATIC`); never empty, so "" binds as "".
    private var textBuffer: UnsafeMutableRawPointer
    private var textCapacity: Int
    /// The parameters that may hold something other than NULL, one bit each for 1…64 (bit 0 is
    /// parameter 1): `bind` skips binding NULL to a parameter that holds NULL already. Bindings outlive
    /// `sqlite3_reset`, and a statement starts with every parameter NULL
    /// (https://www.sqlite.org/c3ref/bind_blob.html). Parameters past 64 are always bound.
    private var mayHoldValue: UInt64 = 0

    init(database: Database, sql: String) throws(DatabaseError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw database.error(code: code, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.database = database
        self.parameterCount = Int(sqlite3_bind_parameter_count(statement))
        self.textCapacity = 256
        self.textBuffer = .allocate(byteCount: 256, alignment: 1)
    }

    deinit {
        sqlite3_finalize(handle)
        textBuffer.deallocate()
    }

    /// Binds `values` to parameters 1…n, clearing any parameter they leave out.
    ///
    /// Texts are copied into the statement's own buffer and bound with `SQLITE_STATIC`, so binding
    /// makes no allocation: with `SQLITE_TRANSIENT` SQLite allocated and freed a copy of every text on
    /// every execution (about a tenth of the instructions of a bulk write). The buffer is written only
    /// here, after `sqlite3_reset`, and outlives the statement's use of it: a static text must stay
    /// valid until it is rebound or the statement is finalized
    /// (https://www.sqlite.org/c3ref/bind_blob.html).
    func bind(_ values: [SQLValue]) throws(DatabaseError) {
        sqlite3_reset(handle)
        if values.count < parameterCount { clearBindings() }
        var needed = 0
        for case .text(let string) in values { needed &+= string.utf8.count }
        if needed > textCapacity { growTextBuffer(to: needed) }
        var offset = 0
        for (position, value) in values.enumerated() {
            let index = Int32(position + 1)
            let bit: UInt64 = position < 64 ? 1 << UInt64(position) : 0
            let code: Int32
            switch value {
            case .null:
                // A NULL bound over NULL changes nothing: about a third of a bulk write's values.
                if position < 64 && mayHoldValue & bit == 0 { continue }
                code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .text(let string):
                let start = textBuffer + offset
                var string = string
                let count = string.withUTF8 { bytes -> Int in
                    // `needed` counted these bytes; a trap rather than a write past the buffer if not.
                    precondition(offset &+ bytes.count <= textCapacity, "bound texts outgrew their count")
                    if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
                    return bytes.count
                }
                offset &+= count
                code = sqlite3_bind_text64(
                    handle, index, start.assumingMemoryBound(to: CChar.self), sqlite3_uint64(count), nil, UInt8(SQLITE_UTF8))
            }
            guard code == SQLITE_OK else {
                // Whatever the failed call left, no parameter is taken to hold NULL until bound again.
                mayHoldValue = .max
                throw database.error(code: code, sql: sql)
            }
            if case .null = value { mayHoldValue &= ~bit } else { mayHoldValue |= bit }
        }
    }

    /// Sets every parameter to NULL.
    private func clearBindings() {
        sqlite3_clear_bindings(handle)
        mayHoldValue = 0
    }

    /// Replaces the text buffer with one of at least `count` bytes. Called only from `bind`, after the
    /// reset and before any text is bound, so no binding points into the old buffer when it is freed.
    private func growTextBuffer(to count: Int) {
        clearBindings()
        textBuffer.deallocate()
        textCapacity = max(count, textCapacity * 2)
        textBuffer = .allocate(byteCount: textCapacity, alignment: 1)
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
