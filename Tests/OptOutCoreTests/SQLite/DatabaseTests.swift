import CSQLite
import Testing
import OptOutTestSupport
@testable import OptOutCore

@Suite struct DatabaseTests {
    @Test func createsFileWithPrivateMode() throws {
        let folder = TemporaryFolder()
        let path = folder.file("new.sqlite")
        _ = try Database(path: path)
        #expect(permissions(path) == 0o600)
    }

    @Test func refusesFileThatIsNotADatabaseWithoutTouchingIt() {
        let folder = TemporaryFolder()
        let original = Array("name,phone\nAna,+15551234567\n".utf8) + [UInt8](repeating: 0x41, count: 5000)
        let path = folder.write("contacts.csv", original)
        #expect(throws: DatabaseError.self) { try Database(path: path) }
        #expect(readFile(path) == original)
        #expect(readFile(path + "-wal") == nil)
        #expect(readFile(path + "-journal") == nil)
    }

    /// The read-only fallback reads the database file as immutable, which ignores the `-wal`: it is
    /// taken only when that log holds nothing (on SQLite before 3.22 a read-only `-shm` gave
    /// SQLITE_READONLY while the log still held committed changes).
    @Test func aLogWithCommittedChangesIsSeenAsUncheckpointed() throws {
        let folder = TemporaryFolder()
        let path = folder.file("db.sqlite")
        #expect(Database.holdsNoUncheckpointedLog(path), "no -wal at all")
        do {
            let database = try Database(path: path)
            try database.executeScript("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t (x); INSERT INTO t VALUES (1)")
            #expect(!Database.holdsNoUncheckpointedLog(path), "the commit is in the log until the checkpoint at close")
        }
        #expect(readFile(path + "-wal") == nil, "the last connection checkpointed and removed the log")
        #expect(Database.holdsNoUncheckpointedLog(path))
        _ = folder.write("db.sqlite-wal", [])
        #expect(Database.holdsNoUncheckpointedLog(path), "an empty log, as a kept one is after its checkpoint")
    }

    @Test func refusesADirectory() {
        let folder = TemporaryFolder()
        #expect(throws: DatabaseError.self) { try Database(path: folder.path) }
    }

    @Test func errorsCarryCodeAndSQLButNotBoundValues() throws {
        let folder = TemporaryFolder()
        let database = try Database(path: folder.file("db.sqlite"))
        try database.executeScript("CREATE TABLE t (x TEXT PRIMARY KEY)")
        try database.execute("INSERT INTO t VALUES (?)", [.text("+15551234567")])
        do {
            try database.execute("INSERT INTO t VALUES (?)", [.text("+15551234567")])
            Issue.record("a duplicate key must fail")
        } catch {
            #expect(error.extendedCode == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
            #expect(error.sql == "INSERT INTO t VALUES (?)")
            #expect(!error.description.contains("5551234567"))
        }
    }

    /// Texts are bound byte for byte with their length: empty, small, long, non-ASCII, and one holding
    /// a NUL (which a C string would cut) come back as they went in.
    @Test func textsAreStoredWhole() throws {
        let folder = TemporaryFolder()
        let database = try Database(path: folder.file("db.sqlite"))
        try database.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)")
        let texts = ["", "STOP", "hello\u{0}STOP", "désabonner ✋", String(repeating: "long text ", count: 500)]
        for (id, text) in texts.enumerated() {
            try database.execute("INSERT INTO t VALUES (?, ?)", [.integer(Int64(id)), .text(text)])
        }
        for (id, text) in texts.enumerated() {
            #expect(try database.scalarText("SELECT x FROM t WHERE id = ?", [.integer(Int64(id))]) == text)
            #expect(try database.scalarInt("SELECT length(CAST(x AS BLOB)) FROM t WHERE id = ?", [.integer(Int64(id))]) == Int64(text.utf8.count))
        }
    }

    /// A statement keeps the texts of one execution apart from the next: several texts of one row,
    /// a longer one after shorter ones (the statement's text buffer grows), shorter ones after it,
    /// and parameters left out are NULL, not what the previous execution bound.
    @Test func reusedStatementsBindEachExecutionAfresh() throws {
        let folder = TemporaryFolder()
        let database = try Database(path: folder.file("db.sqlite"))
        try database.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)")
        let insert = "INSERT INTO t VALUES (?, ?, ?, ?)"
        let rows: [[String]] = [
            ["+15551234567", "STOP", "whatsapp"],
            [String(repeating: "é", count: 300), "", String(repeating: "x", count: 1000)],
            ["a", "bc", "def"],
        ]
        for (id, row) in rows.enumerated() {
            try database.execute(insert, [.integer(Int64(id))] + row.map(SQLValue.text))
        }
        try database.execute(insert, [.integer(9), .text("only a")])
        for (id, row) in rows.enumerated() {
            for (column, text) in zip(["a", "b", "c"], row) {
                #expect(try database.scalarText("SELECT \(column) FROM t WHERE id = ?", [.integer(Int64(id))]) == text)
            }
        }
        #expect(try database.scalarText("SELECT a FROM t WHERE id = 9") == "only a")
        #expect(try database.scalarInt("SELECT count(*) FROM t WHERE id = 9 AND b IS NULL AND c IS NULL") == 1)
        // A text read back from a bound parameter, then the statement bound again.
        #expect(try database.scalarText("SELECT ?", [.text("first")]) == "first")
        #expect(try database.scalarText("SELECT ?", [.text("second, longer")]) == "second, longer")
    }

    /// A NULL is stored as NULL whatever the statement bound before, in every pattern of values and
    /// NULLs, on both sides of the 64 parameters whose NULLs `bind` tracks; and after a failed bind.
    @Test func nullsAfterValuesAreStoredAsNulls() throws {
        let folder = TemporaryFolder()
        let database = try Database(path: folder.file("db.sqlite"))
        let columns = (0..<70).map { "c\($0)" }
        try database.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, \(columns.joined(separator: ", ")))")
        let insert = "INSERT INTO t VALUES (?\(String(repeating: ", ?", count: 70)))"
        // Row r holds a value in column c exactly when bit c of its pattern is set.
        let patterns: [(UInt64, Bool)] = [(.max, true), (0, false), (0x5555_5555_5555_5555, true), (0xAAAA_AAAA_AAAA_AAAA, false),
                                          (.max, false), (1, true), (0, true)]
        for (row, (pattern, high)) in patterns.enumerated() {
            let values: [SQLValue] = (0..<70).map { column in
                let set = column < 64 ? pattern & (1 << UInt64(column)) != 0 : high
                return set ? (column % 2 == 0 ? .integer(Int64(column)) : .text("v\(column)")) : .null
            }
            try database.execute(insert, [.integer(Int64(row))] + values)
        }
        for (row, (pattern, high)) in patterns.enumerated() {
            for column in 0..<70 {
                let set = column < 64 ? pattern & (1 << UInt64(column)) != 0 : high
                let isNull = try database.scalarInt("SELECT c\(column) IS NULL FROM t WHERE id = ?", [.integer(Int64(row))])
                #expect(isNull == (set ? 0 : 1), "row \(row), column \(column)")
            }
        }
        // A bind that fails part-way (a text past SQLite's length limit), then NULLs: stored as NULL.
        try database.execute("SELECT sqlite_version()")
        let two = "INSERT INTO t (id, c0, c1) VALUES (?, ?, ?)"
        try database.execute(two, [.integer(100), .text("a"), .text("b")])
        _ = sqlite3_limit(database.handle, SQLITE_LIMIT_LENGTH, 10)
        #expect(throws: DatabaseError.self) { try database.execute(two, [.integer(101), .text("c"), .text(String(repeating: "x", count: 20))]) }
        _ = sqlite3_limit(database.handle, SQLITE_LIMIT_LENGTH, 1_000_000_000)
        try database.execute(two, [.integer(102), .null, .null])
        #expect(try database.scalarInt("SELECT count(*) FROM t WHERE id = 102 AND c0 IS NULL AND c1 IS NULL") == 1)
    }

    @Test func aWriteTransactionRollsBackOnError() throws {
        let folder = TemporaryFolder()
        let database = try Database(path: folder.file("db.sqlite"))
        try database.executeScript("CREATE TABLE t (x INTEGER)")
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try database.transaction(.write) {
                try database.execute("INSERT INTO t VALUES (1)")
                throw Failure()
            }
        }
        #expect(try database.scalarInt("SELECT count(*) FROM t") == 0)
        try database.transaction(.write) { try database.execute("INSERT INTO t VALUES (2)") }
        #expect(try database.scalarInt("SELECT sum(x) FROM t") == 2)
    }

    @Test func busyWriterGivesBusyErrorAfterTimeout() throws {
        let folder = TemporaryFolder()
        let path = folder.file("db.sqlite")
        let first = try Database(path: path)
        try first.executeScript("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER)")
        let second = try Database(path: path, busyTimeout: 50)
        try first.execute("BEGIN IMMEDIATE")
        do {
            try second.transaction(.write) { try second.execute("INSERT INTO t VALUES (1)") }
            Issue.record("the second writer must time out")
        } catch let error as DatabaseError {
            #expect(error.isBusy)
            #expect(OptOutError(error, path: path).exitCode == 75)
        }
        // A reader is not blocked by the writer in WAL mode.
        #expect(try second.scalarInt("SELECT count(*) FROM t") == 0)
        try first.execute("COMMIT")
    }

    @Test func cachesStatementsBySQL() throws {
        let folder = TemporaryFolder()
        let database = try Database(path: folder.file("db.sqlite"))
        let a = try database.statement("SELECT 1")
        let b = try database.statement("SELECT 1")
        #expect(a === b)
    }
}
