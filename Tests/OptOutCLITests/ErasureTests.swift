import Foundation
import Testing
@testable import OptOutCore

/// `forget` and `redact` through the built binary (contract §5): the texts leave the database file,
/// the suppressions and the feeds stay right.
@Suite struct ErasureTests {
    static let secret = "my name is Zephyrine Quasimodo, stop texting me"

    /// Whether the bytes of `text` are anywhere in the files of the database (main file, WAL).
    func fileHolds(_ sandbox: Sandbox, _ text: String) -> Bool {
        let needle = Data(text.utf8)
        return ["", "-wal"].contains { suffix in
            (FileManager.default.contents(atPath: sandbox.database + suffix) ?? Data()).range(of: needle) != nil
        }
    }

    @Test func forgetLeavesTheNumberSuppressedAndNoTextOfItInTheFile() throws {
        let sandbox = Sandbox()
        let spool = sandbox.file("spool")
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: false)
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230001", "--text", Self.secret]).status == 0)
        #expect(try sandbox.exec(["block", "+15551230001", "--reason", "Zephyrine called the shop"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230002", "--text", "stop texting me, I am Zephyrine's neighbour"]).status == 0)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool]).status == 0)
        #expect(fileHolds(sandbox, "Zephyrine Quasimodo"))

        #expect(try sandbox.exec(["forget", "+15551230001"]).status == 64, "a reason is required")
        #expect(try sandbox.exec(["forget", "+15559999999", "--reason", "request"]).status == 66)
        let forgot = try sandbox.exec(["forget", "+1 555 123 0001", "--reason", "erasure request 2026-12-02"])
        #expect(forgot.status == 0, "\(forgot.stderr)")
        #expect(forgot.stdout == "+15551230001 forgotten: the texts of 2 events erased; its suppressions stay\n")
        // Still suppressed, and the history still says what happened, without the texts.
        #expect(try sandbox.exec(["check", "+15551230001"]).status == 1)
        let events = try sandbox.exec(["export", "--events", "--format", "csv"]).stdout
        #expect(!events.contains("Zephyrine Quasimodo") && !events.contains("called the shop"), "\(events)")
        #expect(events.contains(",+15551230001,default,forget,manual,"))
        #expect(events.contains("Zephyrine's neighbour"), "another person's text stays")
        // The feed delivers the forget event, so the consumer can erase downstream.
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool]).status == 0)
        let batches = try FileManager.default.contentsOfDirectory(atPath: spool).sorted()
        #expect(batches.count == 2)
        #expect(try String(contentsOfFile: spool + "/" + batches[1], encoding: .utf8).contains(",forget,"))
        // Not in the file, after a checkpoint and VACUUM (as `strings` on the file would show).
        let store = try OptOutStore(path: sandbox.database)
        try store.database.executeScript("PRAGMA wal_checkpoint(TRUNCATE); VACUUM")
        #expect(!fileHolds(sandbox, "Zephyrine Quasimodo"))
        #expect(!fileHolds(sandbox, "called the shop"))
        // Forgetting is replayed by verify like any event.
        #expect(try sandbox.exec(["verify"]).status == 0)
    }

    @Test func redactRemovesOldTextsFromEveryEventAndIsAudited() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230001", "--text", "my old secret: stop texting me", "--at", "2026-01-05"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230002", "--text", "please stop sending me these newer offers", "--at", "2026-06-01"]).status == 0)
        #expect(try sandbox.exec(["redact", "--before", "2099-01-01"]).status == 64)
        #expect(try sandbox.exec(["redact"]).status == 64)
        let result = try sandbox.exec(["redact", "--before", "2026-03-01"])
        #expect(result.stdout == "1 message text erased from events before 2026-03-01T00:00:00Z\n", "\(result.stderr)")
        let events = try sandbox.exec(["export", "--events", "--format", "csv"]).stdout
        #expect(!events.contains("old secret") && events.contains("these newer offers"))
        #expect(try sandbox.exec(["check", "+15551230001"]).status == 1, "the opt-out stays")
        let store = try OptOutStore(path: sandbox.database)
        #expect(try store.database.scalarInt("SELECT events FROM redactions") == 1)
        try store.database.executeScript("PRAGMA wal_checkpoint(TRUNCATE); VACUUM")
        #expect(!fileHolds(sandbox, "old secret"))
    }

    @Test func keepMessageTextDaysErasesOldTextsOnTheNextWriteOnceADay() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230001", "--text", "my old secret: stop texting me", "--at", "2026-01-05"]).status == 0)
        #expect(try sandbox.exec(["config", "set", "keep-message-text-days", "0"]).status == 64)
        #expect(try sandbox.exec(["config", "set", "keep-message-text-days", "30"]).status == 0)
        // The setting's own write applied it; a recent text stays.
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230002", "--text", "please stop sending me these newer offers"]).status == 0)
        let events = try sandbox.exec(["export", "--events", "--format", "csv"]).stdout
        #expect(!events.contains("old secret") && events.contains("these newer offers"), "\(events)")
        let store = try OptOutStore(path: sandbox.database)
        #expect(try store.database.scalarInt("SELECT count(*) FROM redactions WHERE actor = 'keep-message-text-days'") == 1, "once a day")
        #expect(try sandbox.exec(["config", "set", "keep-message-text-days", "off"]).status == 0)
    }
}
