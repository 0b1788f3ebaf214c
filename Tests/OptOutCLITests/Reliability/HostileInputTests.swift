import Foundation
import Testing
import OptOutTestSupport
@testable import OptOutCLI
@testable import OptOutCore

// MARK: - Shared checks

/// What every failed or successful run on hostile input must look like.
enum HostileRun {
    /// The database's event count (nil when it cannot be read).
    static func events(_ sandbox: Sandbox) -> Int64? {
        guard let database = try? Database(path: sandbox.database, access: .readOnly) else { return nil }
        return try? database.scalarInt("SELECT count(*) FROM events")
    }

    /// Every stderr line is an `optout: error:`/`optout: warning:` diagnostic, a failure has at least one
    /// error, and the status is one of `allowed`.
    static func check(_ result: RunResult, allowed: Set<Int32>, _ label: String, summary: Bool = false) {
        #expect(allowed.contains(result.status), "\(label): exit \(result.status): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(result.stderr.isEmpty || result.stderr.hasSuffix("\n"), "\(label)")
        for line in lines {
            // filter-campaign's summary ("2 rows: 1 kept, 1 skipped (1 blocked)" and "phone column: …") is
            // the exception.
            let isSummary = summary
                && ((line.contains(" rows: ") || line.contains(" row: ")) && line.first?.isNumber == true || line.hasPrefix("phone column: "))
            #expect(line.hasPrefix("optout: error: ") || line.hasPrefix("optout: warning: ") || isSummary, "\(label): \(line)")
        }
        if result.status != 0 {
            #expect(lines.contains { $0.hasPrefix("optout: error: ") }, "\(label): no error line")
        }
    }
}

/// Hostile input at the command line: a seeded sample of mutated inputs per format through the real
/// commands (`OPTOUT_FUZZ_COMMAND_CASES`, default 100 in CI), and the specific cases of issue 6: NUL
/// bytes and invalid UTF-8, oversized fields and lines (memory measured on the built binary), SQL text
/// in every string argument, a path that is a folder, a database of a newer schema. The read-only
/// database and folder are `ReadOnlyDatabaseTests`.
@Suite(.serialized) struct HostileInputTests {
    static func random(_ salt: UInt64) -> SeededGenerator {
        SeededGenerator(seed: FuzzConfiguration.seed &* 0x1000_0000_01B3 ^ salt)
    }

    // MARK: - Seeded command-level fuzzing

    /// Runs `count` mutated bodies through `ingest-message --FORMAT`: exit 0 or 65, diagnostics only on
    /// stderr, and a refused body records nothing.
    func fuzzIngest(_ format: String, seeds: [String], salt: UInt64) throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "+15559990000"]).status == 0)
        let maker = FuzzInputMaker(seeds: seeds)
        var random = Self.random(salt)
        var tally = FuzzTally("command \(format)")
        for index in 0..<FuzzConfiguration.commandCases {
            let path = sandbox.file("body")
            try Data(maker.make(&random)).write(to: URL(fileURLWithPath: path))
            let before = HostileRun.events(sandbox)
            var result = RunResult(status: -1, stdout: "", stderr: "")
            tally.run {
                result = sandbox.run(["ingest-message", "--\(format)", path, "--format", "json"], at: 1_767_261_700)
                return result.status == 0 ? nil : "exit \(result.status)"
            }
            HostileRun.check(result, allowed: [0, 65], "\(format) case \(index)")
            #expect(!PrivacyTests.withoutMessageIDs(result.stderr).contains(FuzzSeeds.marker), "\(format) case \(index): \(result.stderr)")
            #expect(PrivacyTests.phoneLikeRuns(result.stderr, ignoring: sandbox.path).isEmpty, "\(format) case \(index): \(result.stderr)")
            if result.status == 65 && format != "jsonl" {
                #expect(HostileRun.events(sandbox) == before, "\(format) case \(index): a refused body recorded events")
                #expect(result.stdout.isEmpty)
            }
        }
        tally.finish()
    }

    @Test func whatsAppBodies() throws {
        try fuzzIngest("whatsapp", seeds: FuzzSeeds.whatsApp, salt: 12)
    }

    @Test func twilioBodies() throws {
        try fuzzIngest("twilio", seeds: FuzzSeeds.twilio, salt: 13)
    }

    @Test func jsonLines() throws {
        try fuzzIngest("jsonl", seeds: FuzzSeeds.jsonLines, salt: 14)
    }

    @Test func campaignCSVs() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "+15551234567"]).status == 0)
        let maker = FuzzInputMaker(seeds: FuzzSeeds.csv)
        var random = Self.random(11)
        var tally = FuzzTally("command csv")
        for index in 0..<FuzzConfiguration.commandCases {
            let input = sandbox.file("campaign.csv"), output = sandbox.file("kept.csv")
            try Data(maker.make(&random)).write(to: URL(fileURLWithPath: input))
            try? FileManager.default.removeItem(atPath: output)
            var result = RunResult(status: -1, stdout: "", stderr: "")
            tally.run {
                result = sandbox.run(["filter-campaign", input, "--output", output, "--default-country", "US"])
                return result.status == 0 ? nil : "exit \(result.status)"
            }
            HostileRun.check(result, allowed: [0, 65], "csv case \(index)", summary: true)
            // The header row's cells are listed when no phone column is found (documented): not data.
            let diagnostics = result.stderr.components(separatedBy: "columns are: ").first ?? ""
            #expect(!diagnostics.contains(FuzzSeeds.marker), "csv case \(index): \(result.stderr)")
            #expect(PrivacyTests.phoneLikeRuns(result.stderr, ignoring: sandbox.path).isEmpty, "csv case \(index): \(result.stderr)")
            if result.status != 0 {
                #expect(!FileManager.default.fileExists(atPath: output), "csv case \(index): output left behind")
            }
        }
        #expect(HostileRun.events(sandbox) == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.path).filter { $0.contains(".tmp") || $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        tally.finish()
    }

    @Test func phoneNumberArguments() {
        let sandbox = Sandbox()
        let maker = FuzzInputMaker(seeds: FuzzSeeds.phone)
        var random = Self.random(15)
        var tally = FuzzTally("command phone")
        for index in 0..<FuzzConfiguration.commandCases {
            let text = String(decoding: maker.make(&random), as: UTF8.self)
            let before = HostileRun.events(sandbox)
            var result = RunResult(status: -1, stdout: "", stderr: "")
            tally.run {
                result = sandbox.run(["block", "--reason", "fuzz", "--", text])
                return result.status == 0 ? nil : "exit \(result.status)"
            }
            HostileRun.check(result, allowed: [0, 65], "phone case \(index)")
            if result.status == 65 {
                #expect(HostileRun.events(sandbox) ?? 0 == before ?? 0, "phone case \(index): refused input changed the log")
                #expect(result.stderr.split(separator: "\n").count == 2, "phone case \(index): \(result.stderr)")
            }
        }
        tally.finish()
    }

    // MARK: - NUL bytes and invalid UTF-8

    @Test func nulAndInvalidUTF8InNumberFilesAreReportedOnOneLine() throws {
        let sandbox = Sandbox()
        let file = sandbox.file("numbers.txt")
        let bytes: [UInt8] = Array("+15551234567\n+1555\u{0}1234568\n+1555".utf8) + [0xFF] + Array("1234569\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let result = sandbox.run(["block", "--file", file])
        #expect(result.status == 65)
        // A file that is not UTF-8 stops before any number is read, with where and what it probably is.
        #expect(result.stderr == """
            optout: error: \(file): line 3, byte offset 32: not valid UTF-8; it looks like Windows-1252; convert it with \
            iconv -f WINDOWS-1252 -t UTF-8, or give --encoding windows-1252

            """)
        try Data(Array("+15551234567\n+1555\u{0}1234568\n".utf8)).write(to: URL(fileURLWithPath: file))
        let nul = sandbox.run(["block", "--file", file])
        #expect(nul.stderr == """
            optout: error: line 2 of \(file): '+1555?1234568': contains a control character (U+0000)
            optout: error: 1 invalid number; nothing was changed (use --skip-invalid to apply the rest)

            """)
        #expect(HostileRun.events(sandbox) == nil || HostileRun.events(sandbox) == 0)
    }

    @Test func nulAndInvalidUTF8BodiesAreExit65AndRecordNothing() throws {
        let sandbox = Sandbox()
        let body = sandbox.file("body.json")
        let whatsapp: [UInt8] = Array(#"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551234567","type":"text","text":{"body":"STOP"#.utf8)
            + [0x00] + Array(#""}}]}}]}]}"#.utf8)
        try Data(whatsapp).write(to: URL(fileURLWithPath: body))
        let first = sandbox.run(["ingest-message", "--whatsapp", body])
        #expect(first.status == 65)
        #expect(first.stderr == "optout: error: not a WhatsApp webhook body: not valid JSON: unescaped control character in a string at byte 100\n")
        try Data(Array("From=%2B15551234567&Body=STOP".utf8) + [0xC3]).write(to: URL(fileURLWithPath: body))
        let second = sandbox.run(["ingest-message", "--twilio", body])
        #expect(second.status == 65)
        #expect(second.stderr == "optout: error: not a form-encoded body: pair 2 is not UTF-8\n")
        #expect(HostileRun.events(sandbox) == nil || HostileRun.events(sandbox) == 0)
    }

    // MARK: - Oversized input, memory measured

    /// Runs the built binary under `/usr/bin/time -f %M` and returns the result and peak RSS in KiB.
    func measured(_ sandbox: Sandbox, _ arguments: [String]) throws -> (RunResult, Int)? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let report = sandbox.file("rss")
        let result = try runProcess(
            "/usr/bin/time", ["-f", "%M", "-o", report, OptOutBinary.path] + arguments, environment: sandbox.environment)
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        guard let kilobytes = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { return nil }
        return (result, kilobytes)
    }

    /// Writes `prefix`, `count` copies of `byte`, then `suffix` to `path` in 1 MiB blocks.
    static func writeLarge(_ path: String, prefix: String, byte: UInt8, count: Int, suffix: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        handle.write(Data(prefix.utf8))
        let block = Data(repeating: byte, count: 1 << 20)
        var left = count
        while left > 0 {
            let size = min(left, block.count)
            handle.write(size == block.count ? block : block.prefix(size))
            left -= size
        }
        handle.write(Data(suffix.utf8))
    }

    /// The CI size of the oversized cases (the stress script runs 100 MB and 10 MB).
    static var largeFieldBytes: Int {
        FuzzConfiguration.environment("OPTOUT_LARGE_FIELD_BYTES").flatMap { Int($0) } ?? 24 << 20
    }

    @Test func aHugeCSVFieldIsRefusedWithBoundedMemory() throws {
        let sandbox = Sandbox()
        let input = sandbox.file("huge.csv"), output = sandbox.file("kept.csv")
        let size = Self.largeFieldBytes
        try Self.writeLarge(input, prefix: "phone,note\n+15551234567,\"", byte: UInt8(ascii: "x"), count: size, suffix: "\"\n+15551234568,ok\n")
        guard let (result, kilobytes) = try measured(sandbox, ["filter-campaign", input, "--output", output]) else { return }
        #expect(result.status == 65)
        #expect(result.stderr == "optout: error: \(input): line 2: record longer than 1048576 bytes\n")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(kilobytes < 64 << 10, "peak RSS \(kilobytes) KiB for a \(size)-byte field")
        FuzzConfiguration.report("memory: filter-campaign, one \(size)-byte field: exit \(result.status), peak RSS \(kilobytes) KiB")
    }

    @Test func aHugeJSONLinesLineIsRefusedWithBoundedMemory() throws {
        let sandbox = Sandbox()
        let input = sandbox.file("huge.jsonl")
        let size = min(Self.largeFieldBytes, 10 << 20)
        try Self.writeLarge(input, prefix: #"{"from":"+15551234567","text":""#, byte: UInt8(ascii: "x"), count: size, suffix: "\"}\n")
        guard let (result, kilobytes) = try measured(sandbox, ["ingest-message", "--jsonl", input]) else { return }
        #expect(result.status == 65)
        #expect(result.stderr == "optout: error: \(input) line 1: longer than 1048576 bytes\n")
        #expect(kilobytes < 64 << 10, "peak RSS \(kilobytes) KiB for a \(size)-byte line")
        FuzzConfiguration.report("memory: ingest-message --jsonl, one \(size)-byte line: exit \(result.status), peak RSS \(kilobytes) KiB")

        let body = sandbox.file("huge.json")
        try Self.writeLarge(body, prefix: #"{"entry":[],"x":""#, byte: UInt8(ascii: "x"), count: 20 << 20, suffix: "\"}")
        guard let (webhook, webhookKilobytes) = try measured(sandbox, ["ingest-message", "--whatsapp", body]) else { return }
        #expect(webhook.status == 65)
        #expect(webhook.stderr == "optout: error: \(body) is larger than 16777216 bytes: refused, nothing recorded\n")
        #expect(webhookKilobytes < 96 << 10, "peak RSS \(webhookKilobytes) KiB for a 20 MiB body")
        FuzzConfiguration.report("memory: ingest-message --whatsapp, a 20 MiB body: exit \(webhook.status), peak RSS \(webhookKilobytes) KiB")
    }

    // MARK: - SQL text in every string argument

    @Test func sqlTextInEveryStringArgumentIsStoredAndReadBackVerbatim() throws {
        let sandbox = Sandbox()
        let sql = "x'; DROP TABLE entries; --"
        let quoted = "\"); DELETE FROM events WHERE (\"1\"=\"1"
        let environment = ["OPTOUT_ACTOR": quoted]
        #expect(sandbox.run(["block", "+15551234567", "--scope", sql, "--reason", sql], environment: environment).status == 0)
        // The SQL text is an opt-out keyword here, so the message is recorded with its text.
        #expect(sandbox.run(["config", "add", "keywords.opt-out", sql]).status == 0)
        #expect(sandbox.run(["ingest-message", "--from", "+15551234568", "--text", sql, "--id", sql, "--scope", sql, "--actor", sql]).status == 0)
        #expect(sandbox.run(["config", "set", "reply.help", sql]).status == 0)
        #expect(sandbox.run(["config", "get", "reply.help"]).stdout == sql + "\n")
        let export = sandbox.run(["export", "--events", "--all-scopes", "--format", "jsonl", "--cursor", sql])
        #expect(export.status == 0, "\(export.stderr)")
        let lines = export.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2, "\(export.stdout)")
        let first = try JSONParser().parse(Array(lines[0].utf8))
        #expect(first["scope"] == .string(sql))
        #expect(first["reason"] == .string(sql))
        #expect(first["actor"] == .string(quoted))
        let second = try JSONParser().parse(Array(lines[1].utf8))
        #expect(second["actor"] == .string(sql))
        #expect(second["message_id"] == .string(sql))
        #expect(second["message_text"] == .string(sql))
        let cursors = sandbox.run(["export", "--list-cursors", "--format", "jsonl"])
        #expect(cursors.stdout.contains(#""cursor":"x'; DROP TABLE entries; --""#) || cursors.stdout.contains(#"x'; DROP TABLE entries; --"#), "\(cursors.stdout)")
        // Nothing was dropped or deleted: both tables still answer.
        #expect(sandbox.run(["check", "+15551234567", "--scope", sql]).status == 1)
        #expect(sandbox.run(["list", "--scope", sql, "--format", "jsonl"]).stdout.split(separator: "\n").count == 2)
        #expect(HostileRun.events(sandbox) == 2)
    }

    // MARK: - A folder where a file belongs

    @Test func aFolderWhereAFileBelongsIsAClearError() throws {
        let sandbox = Sandbox()
        let folder = sandbox.file("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let database = sandbox.run(["block", "+15551234567", "--db", folder])
        #expect(database.status == 73, "\(database.stderr)")
        #expect(database.stderr.hasPrefix("optout: error: ") && database.stderr.contains(folder))
        let list = sandbox.run(["list", "--db", folder])
        #expect([66, 73].contains(list.status), "\(list.stderr)")

        for (arguments, status) in [
            (["block", "--file", folder], Int32(66)),
            (["normalize", "--file", folder], 66),
            (["ingest-message", "--whatsapp", folder], 66),
            (["ingest-message", "--twilio", folder], 66),
            (["ingest-message", "--jsonl", folder], 66),
            (["filter-campaign", folder], 66),
            (["filter-campaign", "-", "--output", folder], 73),
            (["export", "--output", folder], 73),
        ] {
            let result = sandbox.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("optout: error: ") && result.stderr.contains(folder), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    // MARK: - A newer schema

    @Test func aDatabaseOfANewerSchemaIsRefusedUntouched() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "+15551234567"]).status == 0)
        do {
            let database = try Database(path: sandbox.database)
            try database.executeScript("PRAGMA user_version = 99")
        }
        let before = sandbox.read("optout.sqlite")
        let message = "optout: error: database \(sandbox.database) has schema version 99, newer than this optout understands (\(Schema.version)); upgrade optout\n"
        for arguments in [["block", "+15557654321"], ["list"], ["check", "+15551234567"], ["export", "--events"]] {
            let result = sandbox.run(arguments)
            #expect(result.status == 65, "\(arguments)")
            #expect(result.stderr == message, "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
        #expect(sandbox.read("optout.sqlite") == before)
    }
}
