import Foundation
import OptOutPlatform
import Testing
@testable import OptOutCore

/// `verify`, `verify --repair` and `backup` through the built binary (contract §5).
@Suite struct VerifyBackupTests {
    func populated() throws -> Sandbox {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+15551230001", "--reason", "abuse"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230002", "--text", "STOP"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230003", "--text", "START"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230003", "--text", "stop please"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551230004", "--text", "can you stop sending these"]).status == 0)
        return sandbox
    }

    @Test func aHandEditedEntryIsFoundAndRepaired() throws {
        let sandbox = try populated()
        let clean = try sandbox.exec(["verify"])
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout == "integrity: ok\n5 events replayed: the entries follow from the log\n")
        // One edited row: the blocked number "may receive", and PRAGMA integrity_check says ok.
        let store = try OptOutStore(path: sandbox.database)
        try store.database.executeScript("UPDATE entries SET blocked = 0, status = 'active' WHERE number = '+15551230001'")
        #expect(try sandbox.exec(["check", "+15551230001"]).status == 0, "the damage: may receive")
        let found = try sandbox.exec(["verify"])
        #expect(found.status == 1)
        #expect(found.stdout == """
            integrity: ok
            difference: default +15551230001 blocked: stored 0, the log gives 1
            difference: default +15551230001 status: stored active, the log gives blocked
            5 events replayed: 2 differences, 0 log problems

            """)
        let repaired = try sandbox.exec(["verify", "--repair"])
        #expect(repaired.status == 0, "\(repaired.stdout) \(repaired.stderr)")
        #expect(repaired.stdout.contains("repaired: 2 differences fixed; the database before is \(sandbox.database).before-repair-"))
        #expect(try sandbox.exec(["check", "+15551230001"]).status == 1, "blocked again")
        #expect(try sandbox.exec(["verify"]).status == 0)
        // The backup made before the repair holds the database as it was.
        let before = try FileManager.default.contentsOfDirectory(atPath: sandbox.path).filter { $0.contains(".before-repair-") }
        #expect(before.count == 1)
        let kept = try OptOutStore(path: sandbox.path + "/" + before[0], opening: .read)
        #expect(try kept.read { try $0.entry(scope: "default", matchKey: PhoneNumber(e164: "+15551230001")!.matchKey)?.blocked.value } == false)
        // A missing entry and an extra one are found too.
        try store.database.executeScript("DELETE FROM entries WHERE number = '+15551230002'")
        let missing = try sandbox.exec(["verify"])
        #expect(missing.status == 1 && missing.stdout.contains("difference: default +15551230002 entry: stored none, the log gives present"))
    }

    @Test func linksAndReviewDecisionsReplayToTheSameState() throws {
        let sandbox = try populated()
        let user = "US.13491208655302741918"
        let both = sandbox.write("both.json", #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"id":"m1","timestamp":"1767261600","type":"text","text":{"body":"hi"},"from":"15551230009","from_user_id":"\#(user)"}]}}]}]}"#)
        #expect(try sandbox.exec(["ingest-message", "--whatsapp", both]).status == 0)
        #expect(try sandbox.exec(["block", user, "--reason", "asked in chat"]).status == 0)
        let change = sandbox.write("change.json", #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551230002","id":"wamid.SYS","timestamp":"1767261700","type":"system","system":{"body":"changed","wa_id":"15551230008","type":"user_changed_number"}}]}}]}]}"#)
        #expect(try sandbox.exec(["ingest-message", "--whatsapp", change]).status == 0)
        // The held review of +15551230004 is decided, and an automatic opt-out is undone.
        _ = try sandbox.exec(["review", "dismiss", "+15551230004", "--reason", "a question"])
        _ = try sandbox.exec(["review", "undo", "+15551230003", "--reason", "asked for news after all"])
        let result = try sandbox.exec(["verify"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("events replayed: the entries follow from the log\n"))
        #expect(try sandbox.exec(["check", "+15551230009"]).status == 1, "the number linked to the blocked user id")
    }

    @Test func aBackupTakenUnder8ConcurrentWritersOpensAndVerifies() throws {
        let sandbox = try populated()
        let writers = try startWriters(sandbox, count: 8, messages: 100, area: "556", tag: "b", busyTimeout: 60_000)
        let folder = sandbox.file("backups")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        var results: [RunResult] = []
        for _ in 0..<3 {
            results.append(try sandbox.exec(["backup", folder, "--keep", "2"], environment: ["OPTOUT_BUSY_TIMEOUT_MS": "60000"]))
            usleep(50_000)
        }
        for writer in writers {
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
        }
        for result in results {
            #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
            #expect(result.stdout.hasPrefix("backup: \(folder)/optout-") && result.stdout.hasSuffix(" events, verified)\n"))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        #expect(names.count <= 2 && !names.isEmpty, "\(names)")
        for name in names {
            let path = folder + "/" + name
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600)
            let verified = try sandbox.exec(["verify"], environment: ["OPTOUT_DB": path])
            #expect(verified.status == 0, "\(verified.stdout)")
        }
        #expect(try sandbox.exec(["backup", sandbox.file("one.sqlite"), "--keep", "1"]).status == 64)
        #expect(try sandbox.exec(["backup", sandbox.file("no/such/folder/x.sqlite")]).status == 73)
        #expect(try sandbox.exec(["backup", sandbox.database]).status == 64, "never over the database itself")
    }
}
