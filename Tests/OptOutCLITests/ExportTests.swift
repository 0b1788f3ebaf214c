import Foundation
import Testing
@testable import OptOutCLI
@testable import OptOutCore

@Suite struct ExportTests {
    /// 2026-03-01T00:00:00Z.
    let march1: Int64 = 1_772_323_200

    /// A sandbox with one blocked number at each of the given seconds.
    func sandbox(_ times: [(String, Int64)], scope: String = "default") -> Sandbox {
        let sandbox = Sandbox()
        for (number, seconds) in times {
            let result = sandbox.run(["block", number, "--scope", scope], at: seconds)
            #expect(result.status == 0, "\(result.stderr)")
        }
        return sandbox
    }

    /// The number column of a CSV export's rows.
    func numbers(_ csv: String, column: Int = 0) -> [String] {
        csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[column]) }
    }

    @Test func boundariesWithDatesOffsetsAndUnixSeconds() {
        let sandbox = sandbox([
            ("+15550000001", march1 - 1), ("+15550000002", march1), ("+15550000003", march1 + 3599),
            ("+15550000004", march1 + 3600),
        ])
        // The same hour written four ways.
        let ranges: [[String]] = [
            ["--since", "2026-03-01", "--until", "2026-03-01T01:00:00Z"],
            ["--since", "2026-03-01T01:00:00+01:00", "--until", "2026-02-28T20:00:00-05:00"],
            ["--since", "\(march1)", "--until", "\(march1 + 3600)"],
            ["--since", "2026-03-01T00:00Z", "--until", "2026-03-01T00:59:59.999999Z"],
        ]
        for range in ranges.prefix(3) {
            let entries = sandbox.run(["export"] + range)
            #expect(entries.status == 0)
            #expect(numbers(entries.stdout) == ["+15550000002", "+15550000003"], "\(range)")
            let events = sandbox.run(["export", "--events"] + range)
            #expect(numbers(events.stdout, column: 1) == ["+15550000002", "+15550000003"], "\(range)")
        }
        // Until one microsecond before the hour: the 00:59:59 entry is still in (millisecond precision).
        #expect(numbers(sandbox.run(["export"] + ranges[3]).stdout) == ["+15550000002", "+15550000003"])
    }

    @Test func badTimesAndBackwardRangesAreUsageErrors() {
        let sandbox = sandbox([("+15550000001", march1)])
        for arguments in [
            ["export", "--since", "yesterday"], ["export", "--until", "2026-03-01T09:00:00"],
            ["export", "--since", "2026-03-02", "--until", "2026-03-01"],
            ["list", "--since", "2026-03-02", "--until", "2026-03-01"],
            ["export", "--events", "--status", "blocked"], ["export", "--cursor", "job"],
            ["export", "--all-scopes", "--scope", "x"], ["export", "--format", "xml"],
        ] {
            let result = sandbox.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("optout: error: "))
            #expect(result.stderr.contains("See 'optout \(arguments[0]) --help'."))
        }
        #expect(sandbox.run(["export", "--since", "2026-03-02", "--until", "2026-03-01"]).stderr.contains(
            "--until (2026-03-01T00:00:00Z) is before --since (2026-03-02T00:00:00Z)"))
    }

    @Test func emptyRangeInEachFormat() {
        let sandbox = sandbox([("+15550000001", march1)])
        let range = ["--since", "2027-01-01"]
        #expect(sandbox.run(["export"] + range).stdout == Records.entryFields.joined(separator: ",") + "\n")
        #expect(sandbox.run(["export", "--events"] + range).stdout == Records.eventFields.joined(separator: ",") + "\n")
        #expect(sandbox.run(["export", "--format", "json"] + range).stdout == "[]\n")
        #expect(sandbox.run(["export", "--format", "jsonl"] + range).stdout == "")
    }

    @Test func outputFileIsAtomicPrivateAndRepeatable() throws {
        let sandbox = sandbox([("+15550000002", march1), ("+15550000001", march1)])
        let path = sandbox.file("out.json")
        #expect(sandbox.run(["export", "--format", "json", "--output", path]).status == 0)
        let first = try #require(sandbox.read("out.json"))
        let array = try JSONSerialization.jsonObject(with: first) as? [[String: Any]]
        #expect(array?.map { $0["number"] as? String } == ["+15550000001", "+15550000002"])
        #expect(array?.first?["blocked"] as? Bool == true)
        #expect(array?.first?["actor"] as? String == "tester")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(sandbox.run(["export", "--format", "json", "-o", path]).status == 0)
        #expect(sandbox.read("out.json") == first)
        let listing = try FileManager.default.contentsOfDirectory(atPath: sandbox.path)
        #expect(listing.filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func outputThatCannotBeCreatedExits73AndWritesNothing() throws {
        let sandbox = sandbox([("+15550000001", march1)])
        let regular = sandbox.write("file.txt", "keep")
        for path in [sandbox.file("missing/out.csv"), regular + "/out.csv", sandbox.path] {
            let result = sandbox.run(["export", "--output", path])
            #expect(result.status == 73, "\(path)")
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("optout: error: cannot create \(path)"))
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.file("missing")))
        #expect(sandbox.read("file.txt") == Data("keep".utf8))
        // A cursor export that cannot write its file does not move the cursor.
        let failed = sandbox.run(["export", "--events", "--cursor", "job", "--output", sandbox.file("missing/e.csv")])
        #expect(failed.status == 73)
        #expect(sandbox.run(["export", "--list-cursors"]).stdout == "No cursors.\n")
    }

    @Test func cursorAcrossThreeRunsWithWritesBetweenAndARenameFailure() throws {
        let sandbox = sandbox([("+15550000001", march1), ("+15550000002", march1 + 1)])
        let path = sandbox.file("feed.csv")
        let run = { sandbox.run(["export", "--events", "--cursor", "crm", "--output", path], at: 2_000_000_000) }

        #expect(run().status == 0)
        var feed = String(decoding: sandbox.read("feed.csv") ?? Data(), as: UTF8.self)
        #expect(numbers(feed, column: 1) == ["+15550000001", "+15550000002"])

        _ = sandbox.run(["block", "+15550000003"], at: march1 + 10)
        _ = sandbox.run(["unblock", "+15550000001"], at: march1 + 11)
        // A failed run: the path is now a folder, so no output is written (the core tests fail the rename itself).
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path + "/x", withIntermediateDirectories: true)
        let crashed = run()
        #expect(crashed.status == 73)
        #expect(sandbox.run(["export", "--list-cursors", "--format", "jsonl"]).stdout.contains("\"last_event_id\":2,\"pending_events\":2"))
        try FileManager.default.removeItem(atPath: path)

        // Run 2 exports the events the crashed run did not deliver.
        #expect(run().status == 0)
        feed = String(decoding: sandbox.read("feed.csv") ?? Data(), as: UTF8.self)
        #expect(numbers(feed, column: 1) == ["+15550000003", "+15550000001"])
        #expect(feed.contains(",unblock,manual,"))

        // Run 3: nothing new: the file is left as it is, still holding run 2's batch for its consumer.
        #expect(run().status == 0)
        #expect(String(decoding: sandbox.read("feed.csv") ?? Data(), as: UTF8.self) == feed)

        let table = sandbox.run(["export", "--list-cursors"])
        #expect(table.stdout.contains("crm"))
        #expect(table.stdout.split(separator: "\n").last?.split(separator: " ", omittingEmptySubsequences: true).prefix(3) == ["crm", "4", "0"])
    }

    @Test func allScopesAndOneScope() {
        let sandbox = Sandbox()
        _ = sandbox.run(["block", "+15550000001", "--scope", "brand-a"], at: march1)
        _ = sandbox.run(["block", "+15550000002", "--scope", "brand-b"], at: march1 + 1)
        _ = sandbox.run(["block", "+15550000003"], at: march1 + 2)
        #expect(numbers(sandbox.run(["export"]).stdout) == ["+15550000003"])
        #expect(numbers(sandbox.run(["export", "--scope", "brand-a"]).stdout) == ["+15550000001"])
        #expect(
            numbers(sandbox.run(["export", "--all-scopes"]).stdout) == ["+15550000001", "+15550000002", "+15550000003"])
        let events = sandbox.run(["export", "--events", "--all-scopes", "--format", "jsonl"]).stdout
        let scopes = events.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["scope"] as? String
        }
        #expect(scopes == ["brand-a", "brand-b", "default"])
    }

    @Test func statusFilterOnExportAndList() {
        let sandbox = sandbox([("+15550000001", march1)])
        _ = sandbox.run(["block", "+15550000002", "--opt-out"], at: march1 + 1)
        _ = sandbox.run(["block", "+15550000003"], at: march1 + 2)
        _ = sandbox.run(["unblock", "+15550000003"], at: march1 + 3)
        #expect(numbers(sandbox.run(["export"]).stdout) == ["+15550000001", "+15550000002", "+15550000003"])
        #expect(numbers(sandbox.run(["export", "--status", "opted-out", "--status", "active"]).stdout) == ["+15550000002", "+15550000003"])
        let list = sandbox.run(["list", "--status", "blocked", "--since", "2026-03-01", "--until", "2026-03-02"])
        #expect(list.stdout == """
            NUMBER           STATUS            CHANGED (UTC)    SOURCE              ACTOR       REASON
            +15550000001     blocked           2026-03-01 00:00 manual              tester

            """)
        let limited = sandbox.run(["list", "--limit", "1"])
        #expect(limited.stdout.hasSuffix("… 1 more (raise --limit to see them)\n"))
    }

    @Test func builtBinaryWritesTheSameBytesAsInProcess() throws {
        let sandbox = sandbox([("+15550000001", march1), ("+15550000002", march1 + 5)])
        let inProcess = sandbox.run(["export", "--events", "--format", "jsonl"])
        let binary = try sandbox.exec(["export", "--events", "--format", "jsonl"])
        #expect(binary.status == 0)
        #expect(binary.stdout == inProcess.stdout)
        #expect(binary.stdout.split(separator: "\n").count == 2)
    }
}
