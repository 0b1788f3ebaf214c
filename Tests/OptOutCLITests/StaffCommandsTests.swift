import Foundation
import Testing
@testable import OptOutCLI
import OptOutCore

/// End-to-end: the built `optout` binary on a temporary database.
@Suite struct StaffCommandsEndToEndTests {
    @Test func blockCheckUnblockAndShowHistory() throws {
        let sandbox = Sandbox()
        let number = "+15551234567"
        let blocked = try sandbox.exec(["block", number, "--reason", "asked by phone", "--actor", "alice"])
        #expect(blocked.status == 0)
        #expect(blocked.stdout == "+15551234567\tblocked\n")
        let denied = try sandbox.exec(["check", number])
        #expect(denied.status == 1)
        #expect(denied.stdout == "+15551234567\tmay not receive marketing: blocked\n")
        let unblocked = try sandbox.exec(["unblock", number, "--reason", "wrong number", "--actor", "bob"])
        #expect(unblocked.status == 0)
        #expect(unblocked.stdout == "+15551234567\tunblocked\n")
        let allowed = try sandbox.exec(["check", number])
        #expect(allowed.status == 0)
        #expect(allowed.stdout == "+15551234567\tmay receive marketing (active)\n")

        let shown = try sandbox.exec(["show", number, "--format", "json"])
        #expect(shown.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(json["number"] as? String == number)
        let scopes = try #require(json["scopes"] as? [[String: Any]])
        #expect(scopes.count == 1)
        #expect(scopes[0]["scope"] as? String == "default")
        #expect(scopes[0]["status"] as? String == "active")
        let events = try #require(scopes[0]["events"] as? [[String: Any]])
        #expect(events.map { $0["action"] as? String } == ["block", "unblock"])
        #expect(events.map { $0["actor"] as? String } == ["alice", "bob"])
        #expect(events.map { $0["reason"] as? String } == ["asked by phone", "wrong number"])
        #expect(events.allSatisfy { $0["source"] as? String == "manual" })

        let text = try sandbox.exec(["show", number])
        let osUser = try #require(events.first?["os_user"] as? String)
        #expect(text.stdout.contains("block  manual  by alice (os user \(osUser))  reason: asked by phone"))
        #expect(text.stdout.contains("unblock  manual  by bob (os user \(osUser))  reason: wrong number"))
    }

    /// A number known in several scopes is shown with each scope's own events only, in order.
    @Test func showGivesEachScopeItsOwnEvents() throws {
        let sandbox = Sandbox()
        let number = "+15551234567"
        #expect(try sandbox.exec(["block", number, "--scope", "brand-a", "--reason", "a1"]).status == 0)
        #expect(try sandbox.exec(["block", number, "--scope", "brand-b", "--reason", "b1"]).status == 0)
        #expect(try sandbox.exec(["unblock", number, "--scope", "brand-a", "--reason", "a2"]).status == 0)
        let shown = try sandbox.exec(["show", number, "--format", "json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let scopes = try #require(json["scopes"] as? [[String: Any]])
        #expect(scopes.map { $0["scope"] as? String } == ["brand-a", "brand-b"])
        let reasons = scopes.map { scope in ((scope["events"] as? [[String: Any]]) ?? []).map { $0["reason"] as? String } }
        #expect(reasons == [["a1", "a2"], ["b1"]])
        #expect(scopes.map { $0["status"] as? String } == ["active", "blocked"])
    }

    /// The binary reads its settings from its real environment: a value is everything after the first
    /// `=`, bytes and all (a database path with `=` and non-ASCII letters in it).
    @Test func theEnvironmentIsReadWholeFromTheProcess() throws {
        let sandbox = Sandbox()
        let database = sandbox.path + "/a=b é.sqlite"
        let block = try sandbox.exec(["block", "+15551234567"], environment: ["OPTOUT_DB": database, "OPTOUT_ACTOR": "ana=support"])
        #expect(block.status == 0, "\(block.stderr)")
        #expect(FileManager.default.fileExists(atPath: database))
        let show = try sandbox.exec(["show", "+15551234567"], environment: ["OPTOUT_DB": database])
        #expect(show.stdout.contains("ana=support"), "\(show.stdout)")
    }

    @Test func mexicanFormsAreOneEntry() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+52 1 55 1234 5678"]).status == 0)
        let whatsAppID = try sandbox.exec(["block", "--whatsapp-ids", "5215512345678"])
        #expect(whatsAppID.stdout.hasSuffix("\talready blocked\n"))
        let modern = try sandbox.exec(["check", "+52 55 1234 5678"])
        #expect(modern.status == 1)
        let list = try sandbox.exec(["list", "--format", "jsonl"])
        #expect(list.stdout.split(separator: "\n").count == 1)
        let count = try sandbox.exec(["list", "--format", "csv"]).stdout.split(separator: "\n").count
        #expect(count == 2)  // header + one entry
    }

    /// The numbers of a file are read one at a time inside the transaction: a file that turns out to
    /// be malformed after thousands of good rows still changes nothing.
    @Test func aFileMalformedAfterManyRowsChangesNothing() throws {
        let sandbox = Sandbox()
        let rows = (1...3000).map { "n\($0),+1555200\(String(format: "%04d", $0))\n" }.joined()
        let file = sandbox.write("numbers.csv", "name,phone\n" + rows + "last,\"+15552009999\n")
        let refused = try sandbox.exec(["block", "--file", file])
        #expect(refused.status == 65)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.hasPrefix("optout: error: \(file): "), "\(refused.stderr)")
        #expect(try sandbox.exec(["list", "--format", "jsonl"]).stdout.isEmpty)
        #expect(try sandbox.exec(["check", "+15552000001"]).status == 0)
    }

    @Test func bulkFileWithOneInvalidRowChangesNothing() throws {
        let sandbox = Sandbox()
        let file = sandbox.write(
            "numbers.csv", "name,phone\nAna,+15551230001\nBob,not-a-number\nCy,\"+1 555 123 0003\"\n")
        let refused = try sandbox.exec(["block", "--file", file])
        #expect(refused.status == 65)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("line 3 of \(file): 'not-a-number': contains letters"))
        #expect(refused.stderr.contains("nothing was changed"))
        #expect(try sandbox.exec(["list", "--format", "jsonl"]).stdout.isEmpty)

        let skipped = try sandbox.exec(["block", "--file", file, "--skip-invalid"])
        #expect(skipped.status == 0)
        #expect(skipped.stdout == "3 numbers: 2 blocked, 1 skipped\n")
        let verbose = try sandbox.exec(["block", "--file", file, "--skip-invalid", "--verbose"])
        #expect(verbose.stdout == "+15551230001\talready blocked\n+15551230003\talready blocked\n3 numbers: 2 already blocked, 1 skipped\n")
        #expect(skipped.stderr.contains("optout: warning: line 3 of \(file)"))
        #expect(try sandbox.exec(["check", "+15551230001", "+15551230003"]).status == 1)
    }

    /// A bulk file is applied in match-key order (the events follow the numbers), yet every number is
    /// reported where it came in the file, and the totals name the outcomes in the file's order.
    @Test func aBulkFileIsReportedInTheFilesOrder() throws {
        let sandbox = Sandbox()
        let numbers = (1...1500).reversed().map { "+1555200\(String(format: "%04d", $0))" }
        #expect(try sandbox.exec(["block", numbers.last!]).status == 0)
        let file = sandbox.write("numbers.txt", numbers.joined(separator: "\n") + "\n")
        let result = try sandbox.exec(["block", "--file", file, "--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = numbers.dropLast().map { "\($0)\tblocked\n" }.joined() + "\(numbers.last!)\talready blocked\n"
        #expect(result.stdout == expected + "1500 numbers: 1499 blocked, 1 already blocked\n")
        let events = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout.split(separator: "\n")
        let logged = try events.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["number"] as? String
        }
        #expect(logged == [numbers.last!] + numbers.dropLast().reversed())
        #expect(try sandbox.exec(["list", "--format", "jsonl"]).stdout.split(separator: "\n").count == 1500)
    }

    /// A bulk file whose numbers a batch holds in two ways (E.164 and national numbers as digits, a
    /// Mexican mobile's old form too once normalised; a Brazilian mobile in the form that folds to
    /// another key, and user IDs, whole) is reported in the file's order and logged in key order, the
    /// two kinds merged, each number once.
    @Test func aBulkFileOfMixedFormsIsReportedInOrderAndLoggedByKey() throws {
        let sandbox = Sandbox()
        let fillers = (1...1200).reversed().map { "+1555400\(String(format: "%04d", $0))" }
        let odd: [(typed: String, stored: String)] = [
            ("(212) 555-0142", "+12125550142"), ("+55 11 98765-4321", "+5511987654321"),
            ("US.13491208655302741918", "US.13491208655302741918"), ("+52 1 55 1234 5678", "+525512345678"),
            ("US.7", "US.7"),
        ]
        var typed: [String] = []
        var stored: [String] = []
        for (index, filler) in fillers.enumerated() {
            typed.append(filler)
            stored.append(filler)
            if index % 250 == 100 {
                let (text, number) = odd[index / 250]
                typed += [text, ""]
                stored.append(number)
            }
        }
        typed.append(fillers[7])
        let file = sandbox.write("numbers.txt", typed.joined(separator: "\n") + "\n")
        let result = try sandbox.exec(["block", "--file", file, "--verbose", "--default-country", "US"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = stored.map { "\($0)\tblocked\n" }.joined() + "\(fillers[7])\talready blocked\n"
        #expect(result.stdout == expected + "1206 numbers: 1205 blocked, 1 already blocked\n")
        let events = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout.split(separator: "\n")
        // By event id (the export orders events of one time by number); a user ID's event has it in
        // `user_id`, its `number` empty.
        let logged = try events.map { line -> (id: Int, identifier: String?) in
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (try #require(event["event_id"] as? Int), event["number"] as? String ?? event["user_id"] as? String)
        }.sorted { $0.id < $1.id }.map(\.identifier)
        let normalizer = PhoneNormalizer()
        let keys = try stored.map { try normalizer.identifier($0).get().matchKey }
        #expect(logged == stored.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map { stored[$0] })
    }

    /// Where identifiers are linked, which of two linked numbers a change reaches first decides what
    /// each is told: a bulk file is then applied in the file's order.
    @Test func aBulkFileKeepsItsOrderWhereIdentifiersAreLinked() throws {
        let sandbox = Sandbox()
        let user = "US.13491208655302741918"
        let body = sandbox.write(
            "link.json",
            #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"id":"m1","timestamp":"1767261600","type":"text","text":{"body":"hi"},"from":"15551234567","from_user_id":"\#(user)"}]}}]}]}"#)
        #expect(sandbox.run(["ingest-message", "--whatsapp", body]).status == 0)
        let normalizer = PhoneNormalizer()
        let keys = try ["+15551234567", user].map { try normalizer.identifier($0).get().matchKey }
        // The one with the larger key comes first, so that applying by key would reverse them.
        let (first, second) = keys[0] > keys[1] ? ("+15551234567", user) : (user, "+15551234567")
        let fillers = (1...1500).map { "+1555300\(String(format: "%04d", $0))" }
        let file = sandbox.write("numbers.txt", ([first] + fillers + [second]).joined(separator: "\n") + "\n")
        let result = try sandbox.exec(["block", "--file", file, "--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "\(first)\tblocked")
        #expect(lines.dropLast().last == "\(second)\talready blocked")
        #expect(lines.last == "1502 numbers: 1501 blocked, 1 already blocked")
    }

    @Test func databaseThatIsNotSQLiteIsRefusedUntouched() throws {
        let sandbox = Sandbox()
        let path = sandbox.write("contacts.csv", "name,phone\nAna,+15551234567\n")
        let before = try #require(sandbox.read("contacts.csv"))
        for arguments in [["block", "+15551234567"], ["list"], ["check", "+15551234567"]] {
            let result = try sandbox.exec(arguments + ["--db", path])
            #expect(result.status == 65)
            #expect(result.stderr == "optout: error: \(path) is not an optout database (not an SQLite file)\n")
        }
        #expect(sandbox.read("contacts.csv") == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func eightConcurrentProcessesAllSucceed() throws {
        let sandbox = Sandbox()
        let numbers = (0..<8).map { "+1555000\(String(format: "%04d", $0))" }
        let processes = try numbers.map { number -> (Process, Pipe) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: OptOutBinary.path)
            process.arguments = ["block", number, "--reason", "concurrent"]
            process.environment = sandbox.environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return (process, errors)
        }
        for (process, errors) in processes {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(message)")
        }
        let listed = try sandbox.exec(["list", "--format", "jsonl"]).stdout
        let found = Set(
            listed.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["number"] as? String
            })
        #expect(found == Set(numbers))
    }

    @Test func everySubcommandHelpExitsZeroAndUnknownOptionExits64() throws {
        let sandbox = Sandbox()
        for command in ["block", "unblock", "list", "show", "check", "normalize", "config"] {
            let help = try sandbox.exec([command, "--help"])
            #expect(help.status == 0, "\(command) --help")
            #expect(help.stdout.hasPrefix("OVERVIEW: "))
            let wrong = try sandbox.exec([command, "--no-such-option"])
            #expect(wrong.status == 64, "\(command) --no-such-option")
            #expect(wrong.stderr.hasPrefix("optout: error: unknown option '--no-such-option'"))
            #expect(wrong.stderr.hasSuffix("--help'.\n"))
        }
    }

    @Test func defaultDatabaseIsCreatedUnderXDGDataHome() throws {
        let sandbox = Sandbox()
        var environment = sandbox.environment
        environment["OPTOUT_DB"] = nil
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OptOutBinary.path)
        process.arguments = ["block", "+15551234567"]
        process.environment = environment.merging(["XDG_DATA_HOME": sandbox.file("data")]) { $1 }
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let path = sandbox.file("data/optout/optout.sqlite")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}

/// In-process runs of the staff commands, for exact output and option handling.
@Suite struct StaffCommandsTests {
    @Test func unblockKeepsACustomersOptOutUnlessLiftedWithAReason() {
        let sandbox = Sandbox()
        let blocked = sandbox.run(["block", "--opt-out", "+15551234567", "--reason", "called in"], at: 1_767_261_600)
        #expect(blocked.stdout == "+15551234567\topted-out\n")
        #expect(sandbox.run(["check", "+15551234567", "--category", "utility"]).status == 0)
        let unblocked = sandbox.run(["unblock", "+15551234567"], at: 1_767_300_000)
        #expect(unblocked.status == 0)
        #expect(unblocked.stdout
            == "+15551234567\tnot blocked; still opted-out (manual, 2026-01-01T10:00:00Z): lift it with --lift-opt-out --reason\n")
        #expect(sandbox.run(["check", "+15551234567"]).status == 1)
        // Lifting the customer's opt-out needs a reason, and is then an event of its own.
        let noReason = sandbox.run(["unblock", "--lift-opt-out", "+15551234567"], at: 1_767_300_001)
        #expect(noReason.status == 64)
        #expect(noReason.stderr.hasPrefix("optout: error: --lift-opt-out needs --reason: say why this customer may be messaged again\n"))
        let lifted = sandbox.run(["unblock", "--lift-opt-out", "--reason", "asked again by phone", "+15551234567"], at: 1_767_300_002)
        #expect(lifted.stdout == "+15551234567\topt-out lifted\n")
        #expect(sandbox.run(["check", "+15551234567"]).status == 0)
        let actions = sandbox.run(["export", "--events", "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",")[3] }
        #expect(actions == ["opt-out", "lift-opt-out"])
    }

    @Test func unblockOfABlockedOptedOutNumberSaysWhatRemains() {
        let sandbox = Sandbox()
        #expect(sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "STOP"], at: 1_767_261_600).status == 0)
        #expect(sandbox.run(["block", "+15551234567"], at: 1_767_261_601).stdout == "+15551234567\tblocked\n")
        let remaining = "still opted-out (keyword, 2026-01-01T10:00:00Z): lift it with --lift-opt-out --reason"
        #expect(sandbox.run(["unblock", "+15551234567", "--dry-run"], at: 1_767_261_602).stdout
            == "+15551234567\twould be unblocked; \(remaining)\n")
        #expect(sandbox.run(["unblock", "+15551234567"], at: 1_767_261_603).stdout == "+15551234567\tunblocked; \(remaining)\n")
        #expect(sandbox.run(["check", "+15551234567", "--category", "utility"]).status == 0)
        #expect(sandbox.run(["check", "+15551234567"]).status == 1)
    }

    @Test func dryRunChangesNothing() {
        let sandbox = Sandbox()
        let result = sandbox.run(["block", "+15551234567", "--dry-run"])
        #expect(result.stdout == "+15551234567\twould be blocked\n")
        #expect(sandbox.run(["check", "+15551234567"]).status == 0)
    }

    @Test func scopesKeepSeparateLists() {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "+15551234567", "--scope", "brand-a"]).status == 0)
        #expect(sandbox.run(["check", "+15551234567", "--scope", "brand-a"]).status == 1)
        #expect(sandbox.run(["block", "+15550000009", "--scope", "brand-b"]).status == 0)
        #expect(sandbox.run(["check", "+15551234567", "--scope", "brand-b"]).status == 0)
        #expect(sandbox.run(["check", "+15551234567"], environment: ["OPTOUT_SCOPE": "brand-a"]).status == 1)
    }

    @Test func checkCategoriesAndOptOutAppliesToAll() {
        let sandbox = Sandbox()
        _ = sandbox.run(["block", "--opt-out", "+15551234567"])
        #expect(sandbox.run(["check", "+15551234567", "--category", "service"]).status == 0)
        #expect(sandbox.run(["config", "set", "opt-out-applies-to", "all"]).stdout == "opt-out-applies-to = all\n")
        let result = sandbox.run(["check", "+15551234567", "--category", "service"])
        #expect(result.status == 1)
        #expect(result.stdout == "+15551234567\tmay not receive service: opted-out\n")
        #expect(sandbox.run(["check", "+15559999999", "--require-opt-in"]).stdout == "+15559999999\tmay not receive marketing: not-opted-in\n")
    }

    @Test func checkInvalidNumberExits65() {
        let result = Sandbox().run(["check", "hello"])
        #expect(result.status == 65)
        #expect(result.stderr == "optout: error: 'hello' is not a phone number: contains letters\n")
    }

    @Test func nationalNumbersUseDefaultCountry() {
        let sandbox = Sandbox()
        let refused = sandbox.run(["block", "(201) 555-0123"])
        #expect(refused.status == 65)
        #expect(sandbox.run(["block", "(201) 555-0123", "--default-country", "US"]).stdout == "+12015550123\tblocked\n")
        #expect(sandbox.run(["config", "set", "default-country", "us"]).stdout == "default-country = US\n")
        #expect(sandbox.run(["check", "(201) 555-0123"]).status == 1)
        #expect(sandbox.run(["check", "(201) 555-0123", "--default-country", "XX"]).status == 64)
    }

    @Test func listFormatsAndFilters() {
        let sandbox = Sandbox()
        _ = sandbox.run(["block", "+15550000001", "--reason", "a, \"quoted\""], at: 1_767_225_600)
        _ = sandbox.run(["block", "--opt-out", "+15550000002"], at: 1_767_312_000)
        let csv = sandbox.run(["list", "--format", "csv", "--status", "blocked"])
        #expect(
            csv.stdout
                == Records.entryFields.joined(separator: ",") + "\n"
                + "+15550000001,default,blocked,2026-01-01T00:00:00Z,,,,true,2026-01-01T00:00:00Z,manual,false,,,tester,\"a, \"\"quoted\"\"\",false,,,,,\n"
        )
        let ranged = sandbox.run(["list", "--format", "jsonl", "--since", "2026-01-02"])
        #expect(ranged.stdout.contains("+15550000002") && !ranged.stdout.contains("+15550000001"))
        #expect(sandbox.run(["list", "--format", "json", "--status", "active"]).stdout == "[]\n")
        let table = sandbox.run(["list", "--limit", "1"])
        #expect(table.stdout.hasPrefix("NUMBER"))
        #expect(table.stdout.contains("+15550000002     opted-out         2026-01-02 00:00"))
        #expect(table.stdout.hasSuffix("… 1 more (raise --limit to see them)\n"))
        #expect(sandbox.run(["list", "--since", "2026-02-01", "--until", "2026-01-01"]).status == 64)
        #expect(sandbox.run(["list", "--status", "gone"]).status == 64)
        #expect(sandbox.run(["list", "--since", "last week"]).status == 64)
    }

    @Test func normalizeNeedsNoDatabase() {
        let sandbox = Sandbox()
        let result = sandbox.run(
            ["normalize", "tel:+1-201-555-0123", "5.73E+11", "US.ENT.abcDEF123", "--format", "json"],
            environment: ["OPTOUT_DB": sandbox.file("missing/dir/db.sqlite")])
        #expect(result.status == 65)
        #expect(
            result.stdout
                == #"{"input":"tel:+1-201-555-0123","e164":"+12015550123","user_id":null,"error":null}"# + "\n"
                + #"{"input":"5.73E+11","e164":null,"user_id":null,"error":"looks like Excel scientific notation (5.73E+11); format the column as text"}"#
                + "\n"
                + #"{"input":"US.ENT.abcDEF123","e164":null,"user_id":"US.ENT.abcDEF123","error":null}"# + "\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.file("missing")))
        let text = sandbox.run(["normalize", "00 44 7700 900123"])
        #expect(text.status == 0)
        #expect(text.stdout == "00 44 7700 900123\t+447700900123\n")
    }

    @Test func configGetSetResetAndErrors() {
        let sandbox = Sandbox()
        #expect(sandbox.run(["config", "get", "opt-out-applies-to"]).stdout == "marketing\n")
        #expect(sandbox.run(["config", "set", "opt-out-applies-to", "sometimes"]).status == 64)
        #expect(sandbox.run(["config", "get", "no-such-key"]).status == 64)
        #expect(sandbox.run(["config", "set", "opt-out-applies-to", "all"]).status == 0)
        #expect(sandbox.run(["config", "list"]).stdout.contains("opt-out-applies-to = all\n"))
        #expect(sandbox.run(["config", "reset", "opt-out-applies-to"]).status == 0)
        #expect(sandbox.run(["config", "list"]).stdout.contains("opt-out-applies-to = marketing  (default)\n"))
    }

    @Test func actorDefaultsToLoginName() {
        let sandbox = Sandbox()
        _ = sandbox.run(["block", "+15551234567"], environment: ["OPTOUT_ACTOR": "", "LOGNAME": "carol"])
        #expect(sandbox.run(["list", "--format", "jsonl"]).stdout.contains("\"actor\":\"carol\""))
    }

    /// Without --actor, OPTOUT_ACTOR, LOGNAME or USER, the actor is the user database's name of the
    /// user running the command, which is also the event's OS user (one lookup serves both).
    @Test func actorFallsBackToTheUserDatabase() throws {
        let sandbox = Sandbox()
        let expected = try #require(getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } })
        let unset = ["OPTOUT_ACTOR": "", "LOGNAME": "", "USER": ""]
        #expect(try sandbox.exec(["block", "+15551234567"], environment: unset).status == 0)
        let event = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout
        #expect(event.contains("\"actor\":\"\(expected)\""), "\(event)")
        #expect(event.contains("\"os_user\":\"\(expected)\""), "\(event)")
    }

    @Test func missingInputFileExits66() {
        let sandbox = Sandbox()
        let result = sandbox.run(["block", "--file", sandbox.file("nope.txt")])
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("optout: error: cannot open \(sandbox.file("nope.txt"))"))
    }
}
