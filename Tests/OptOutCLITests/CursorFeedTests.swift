import Foundation
import OptOutPlatform
import Testing
@testable import OptOutCore

/// Event feeds that never drop a batch, through the built binary (contract §5): spool files, an
/// `--output` that is never replaced while unread, audited cursor commands, ids never reused.
@Suite struct CursorFeedTests {
    /// The event ids in a CSV export (its first column).
    static func eventIDs(_ text: String) -> [Int64] {
        text.split(separator: "\n").dropFirst().compactMap { Int64($0.split(separator: ",").first ?? "") }
    }

    func spoolIDs(_ folder: String) throws -> [Int64] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted().flatMap { name in
            Self.eventIDs(try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
        }
    }

    @Test func twoCronRunsWithAnUnreadSpoolFileKeepBothBatches() throws {
        let sandbox = Sandbox()
        let spool = sandbox.file("spool")
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: false)
        #expect(try sandbox.exec(["block", "+15551230001", "+15551230002"]).status == 0)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool]).status == 0)
        #expect(try sandbox.exec(["block", "+15551230003"]).status == 0)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool]).status == 0)
        // Nothing new: nothing written.
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: spool).sorted()
        #expect(names == ["crm-1-2.csv", "crm-3-3.csv"])
        #expect(try spoolIDs(spool) == [1, 2, 3])
        let mode = (try FileManager.default.attributesOfItem(atPath: spool + "/crm-1-2.csv")[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        // Formats name their files.
        #expect(try sandbox.exec(["export", "--events", "--cursor", "json-feed", "--spool", spool, "--format", "jsonl"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: spool + "/json-feed-1-3.jsonl"))
        // A cursor name that is not a plain file name is refused with --spool.
        let unsafe = try sandbox.exec(["export", "--events", "--cursor", "../up", "--spool", spool])
        #expect(unsafe.status == 64)
    }

    @Test func anOutputFileStillHoldingTheLastBatchIsNeverReplaced() throws {
        let sandbox = Sandbox()
        let feed = sandbox.file("feed.csv")
        #expect(try sandbox.exec(["block", "+15551230001"]).status == 0)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--output", feed]).status == 0)
        let first = try String(contentsOfFile: feed, encoding: .utf8)
        #expect(Self.eventIDs(first) == [1])
        // Nothing new: the file is left as it is (not replaced by a header-only one).
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--output", feed]).status == 0)
        #expect(try String(contentsOfFile: feed, encoding: .utf8) == first)
        // Something new while the file is unread: 73, the file and the cursor unchanged.
        #expect(try sandbox.exec(["block", "+15551230002"]).status == 0)
        let refused = try sandbox.exec(["export", "--events", "--cursor", "crm", "--output", feed])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("is still there from the last run") && refused.stderr.contains("stays at event 1 and 1 new event waits"))
        #expect(try String(contentsOfFile: feed, encoding: .utf8) == first)
        // Once the consumer has deleted it, the next run delivers the new batch.
        try FileManager.default.removeItem(atPath: feed)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--output", feed]).status == 0)
        #expect(Self.eventIDs(try String(contentsOfFile: feed, encoding: .utf8)) == [2])
        // --replace says the file may go.
        #expect(try sandbox.exec(["block", "+15551230003"]).status == 0)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--output", feed, "--replace"]).status == 0)
        #expect(Self.eventIDs(try String(contentsOfFile: feed, encoding: .utf8)) == [3])
        #expect(try sandbox.exec(["export", "--events", "--replace"]).status == 64)
    }

    @Test func cursorsAreListedShownRewoundAndDeletedWithAnAudit() throws {
        let sandbox = Sandbox()
        let spool = sandbox.file("spool")
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: false)
        #expect(try sandbox.exec(["block", "+15551230001", "+15551230002", "+15551230003"]).status == 0)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool]).status == 0)
        let list = try sandbox.exec(["cursor", "list", "--format", "csv"])
        #expect(list.stdout.hasPrefix("name,last_event_id,pending_events,updated_at\ncrm,3,0,"), "\(list.stdout)")
        let rewound = try sandbox.exec(["cursor", "rewind", "crm", "--to", "1"])
        #expect(rewound.status == 0 && rewound.stdout == "cursor crm rewound from event 3 to 1: its next run delivers the events after 1\n")
        #expect(try sandbox.exec(["cursor", "rewind", "crm", "--to", "3"]).status == 64, "never forward")
        #expect(try sandbox.exec(["cursor", "rewind", "crm", "--to", "2026-13-01"]).status == 64)
        #expect(try sandbox.exec(["cursor", "rewind", "nope", "--to", "1"]).status == 66)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).sorted() == ["crm-1-3.csv", "crm-2-3.csv"])
        // Rewinding to a time: the events recorded from then on.
        #expect(try sandbox.exec(["cursor", "rewind", "crm", "--to", "2000-01-01"]).stdout.contains("to 0:"))
        let history = try sandbox.exec(["cursor", "show", "crm", "--format", "csv"]).stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).prefix(5).joined(separator: ",")
        }
        #expect(history == ["id,action,from_event_id,to_event_id,records", "1,export,0,3,3", "2,rewind,3,1,", "3,export,1,3,2", "4,rewind,3,0,"])
        #expect(try sandbox.exec(["cursor", "delete", "crm"]).stdout == "cursor crm deleted\n")
        #expect(try sandbox.exec(["cursor", "list"]).stdout == "No cursors.\n")
        #expect(try sandbox.exec(["cursor", "show", "crm", "--format", "csv"]).stdout.contains(",delete,0,,"))
        #expect(try sandbox.exec(["cursor", "delete", "crm"]).status == 66)
    }

    @Test func eventIDsAreNeverReusedWhateverIsDeleted() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+15551230001", "+15551230002"]).status == 0)
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--output", sandbox.file("a.csv")]).status == 0)
        // Someone deletes the newest events by hand.
        let store = try OptOutStore(path: sandbox.database)
        try store.database.executeScript("DELETE FROM events WHERE id = 2")
        #expect(try sandbox.exec(["block", "+15551230003"]).status == 0)
        let later = try sandbox.exec(["export", "--events", "--format", "csv"]).stdout
        #expect(Self.eventIDs(later) == [1, 3], "the new event is 3, not a second 2")
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--output", sandbox.file("b.csv")]).status == 0)
        #expect(Self.eventIDs(try String(contentsOfFile: sandbox.file("b.csv"), encoding: .utf8)) == [3])
    }

    @Test func noEventIsLostOrRepeatedAcross100RunsWithConcurrentWriters() throws {
        let sandbox = Sandbox()
        let spool = sandbox.file("spool")
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: false)
        // Three writers, 150 one-message transactions each, while the feed runs 100 times.
        let writers = try startWriters(sandbox, count: 3, messages: 150, area: "555", tag: "w", busyTimeout: 30_000)
        var failures: [String] = []
        for _ in 0..<100 {
            let run = try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool], environment: ["OPTOUT_BUSY_TIMEOUT_MS": "30000"])
            if run.status != 0 { failures.append(run.stderr) }
        }
        for writer in writers {
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
        }
        #expect(try sandbox.exec(["export", "--events", "--cursor", "crm", "--spool", spool]).status == 0)
        #expect(failures.isEmpty, "\(failures)")
        let delivered = try spoolIDs(spool)
        let all = Self.eventIDs(try sandbox.exec(["export", "--events", "--format", "csv"]).stdout)
        #expect(all.count == 450)
        #expect(delivered.sorted() == all.sorted(), "every event once")
        #expect(Set(delivered).count == delivered.count, "none twice")
    }
}
