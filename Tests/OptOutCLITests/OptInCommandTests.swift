import Foundation
import OptOutTestSupport
import Testing

/// `optout opt-in` records express consent, so that `--require-opt-in` keeps the people who gave it,
/// and never records it over an opt-out unless the customer asked again, with evidence.
@Suite struct OptInCommandTests {
    @Test func recordedConsentIsKeptByRequireOptIn() throws {
        let sandbox = Sandbox()
        let result = try sandbox.exec(["opt-in", "+12125550101", "--source", "web-form", "--evidence", "signup form 42"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "+12125550101\topted-in\n")
        #expect(try sandbox.exec(["opt-in", "+12125550101", "--source", "paper"]).stdout == "+12125550101\talready opted-in\n")
        let csv = sandbox.write("c.csv", "phone\n+12125550101\n+12125550102\n")
        let filtered = try sandbox.exec(["filter-campaign", csv, "--require-opt-in"])
        #expect(filtered.stdout == "phone\n+12125550101\n")
        #expect(filtered.stderr.hasPrefix("2 rows: 1 kept, 1 skipped (1 not-opted-in)"))
        #expect(try sandbox.exec(["check", "+12125550101", "--require-opt-in"]).status == 0)
        let event = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout
        #expect(event.contains(#""action":"opt-in","source":"web-form""#) && event.contains(#""reason":"signup form 42""#))
    }

    @Test func anOptedOutNumberIsRefusedAndNothingChanges() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550102", "--text", "STOP"]).status == 0)
        let refused = try sandbox.exec(["opt-in", "+12125550101", "+12125550102", "--source", "paper"])
        #expect(refused.status == 65)
        #expect(refused.stdout == "")
        #expect(refused.stderr.contains("argument 2: +12125550102 opted out (keyword, "))
        #expect(refused.stderr.hasSuffix("optout: error: 1 number opted out; nothing was changed (use --skip-invalid to record the rest)\n"))
        #expect(try sandbox.exec(["check", "+12125550101", "--require-opt-in"]).status == 1, "all or nothing")

        let missingEvidence = try sandbox.exec(["opt-in", "+12125550102", "--source", "verbal", "--after-opt-out"])
        #expect(missingEvidence.status == 64)
        let asked = try sandbox.exec(["opt-in", "+12125550102", "--source", "verbal", "--after-opt-out", "--evidence", "call ref 7731"])
        #expect(asked.stdout == "+12125550102\topted-in\n")
        #expect(try sandbox.exec(["check", "+12125550102"]).status == 0)
    }

    /// A file of more than 1,000 numbers (applied in key order, its records written a table at a time)
    /// refuses exactly the numbers that opted out, wherever they come in it, and with --skip-invalid
    /// records the rest, each once.
    @Test func aBulkFileRefusesTheOptedOutNumbersWhereverTheyCome() throws {
        let sandbox = Sandbox()
        let numbers = (1...1500).map { "+1212555\(String(format: "%04d", $0))" }
        let optedOut = [numbers[0], numbers[749], numbers[1499]]
        #expect(try sandbox.exec(["block", "--opt-out"] + optedOut).status == 0)
        // Two numbers come twice: the second time they are already opted in.
        let file = sandbox.write("consent.txt", (numbers + [numbers[10], numbers[749]]).joined(separator: "\n") + "\n")
        let refused = try sandbox.exec(["opt-in", "--file", file, "--source", "web-form"])
        #expect(refused.status == 65)
        #expect(refused.stdout == "")
        #expect(refused.stderr.split(separator: "\n").filter { $0.contains(" opted out (manual, ") }.map { $0.split(separator: ":")[2] }
            == [" line 1 of \(file)", " line 750 of \(file)", " line 1500 of \(file)", " line 1502 of \(file)"])
        #expect(refused.stderr.hasSuffix("optout: error: 4 numbers opted out; nothing was changed (use --skip-invalid to record the rest)\n"))
        #expect(try sandbox.exec(["check", numbers[1], "--require-opt-in"]).status == 1, "all or nothing")

        let skipped = try sandbox.exec(["opt-in", "--file", file, "--source", "web-form", "--skip-invalid"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout == "1502 numbers: 1497 opted-in, 1 already opted-in, 4 skipped\n")
        #expect(try sandbox.exec(["check", numbers[1], numbers[1498], "--require-opt-in"]).status == 0)
        #expect(try sandbox.exec(["check", "--require-opt-in"] + optedOut).status == 1)
        let events = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(events.filter { $0.contains(#""action":"opt-in""#) }.count == 1497)
    }

    @Test func consentNeverLiftsABlockAndAnImportNeverLowersASuppression() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+12125550101"]).status == 0)
        #expect(try sandbox.exec(["opt-in", "+12125550101", "--source", "web-form"]).stdout == "+12125550101\topted-in\n")
        #expect(try sandbox.exec(["check", "+12125550101"]).stdout == "+12125550101\tmay not receive marketing: blocked\n")
        // A list moved in from another tool keeps its dates.
        let imported = try sandbox.exec(["opt-in", "+12125550103", "--source", "import", "--at", "2026-01-01"])
        #expect(imported.stdout == "+12125550103\topted-in\n")
        #expect(try sandbox.exec(["show", "+12125550103"]).stdout.contains("2026-01-01T00:00:00Z  opt-in  import"))
    }

    @Test func theSourceIsRequiredAndChecked() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["opt-in", "+12125550101"]).status == 64)
        let bad = try sandbox.exec(["opt-in", "+12125550101", "--source", "keyword"])
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("optout: error: --source must be one of web-form, paper, verbal, import; got 'keyword'\n"))
    }
}

/// `--at-column`: a list kept in another tool moves in with its own dates, as an import.
@Suite struct AtColumnTests {
    @Test func optOutsMoveInWithTheirOriginalDates() throws {
        let sandbox = Sandbox()
        let list = sandbox.write("old.csv", "phone,opted_out_at\n+12125550101,2025-03-01\n+12125550102,2025-06-15T12:00:00Z\n")
        let result = try sandbox.exec(["block", "--opt-out", "--file", list, "--at-column", "opted_out_at"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2 numbers: 2 opted-out\n", "a file gets totals")
        let events = try sandbox.exec(["export", "--events", "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
        #expect(events.map { $0.split(separator: ",")[4] } == ["import", "import"])
        #expect(events.map { $0.split(separator: ",")[5] } == ["2025-03-01T00:00:00Z", "2025-06-15T12:00:00Z"])
        #expect(try sandbox.exec(["check", "+12125550101", "+12125550102"]).status == 1)
    }

    @Test func aBadTimeFailsTheWholeFileAndAnImportNeverLowers() throws {
        let sandbox = Sandbox()
        let bad = sandbox.write("bad.csv", "phone,when\n+12125550101,2025-03-01\n+12125550102,yesterday\n")
        let refused = try sandbox.exec(["block", "--file", bad, "--at-column", "when"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("line 3 of \(bad): time 'yesterday' in --at-column is not a time"))
        #expect(refused.stderr.hasSuffix("optout: error: 1 invalid row; nothing was changed (use --skip-invalid to apply the rest)\n"))
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 0)
        // Consent imported with old dates never overrides a later opt-out.
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550103", "--text", "STOP", "--at", "2026-01-01"]).status == 0)
        let consent = sandbox.write("consent.csv", "phone,consented\n+12125550103,2025-01-01\n")
        let imported = try sandbox.exec([
            "opt-in", "--file", consent, "--at-column", "consented", "--source", "import", "--after-opt-out", "--evidence", "crm export",
        ])
        #expect(imported.stdout == "1 number: 1 not recorded: still opted-out (an import never lifts an opt-out)\n")
        // The same consent given by voice after the opt-out, but dated before it, is stale.
        let early = try sandbox.exec([
            "opt-in", "+12125550103", "--source", "verbal", "--at", "2025-12-01", "--after-opt-out", "--evidence", "call",
        ])
        #expect(early.stdout == "+12125550103\tnot recorded: a later change of consent is on record\n")
        #expect(try sandbox.exec(["check", "+12125550103"]).status == 1)
        #expect(try sandbox.exec(["block", "+12125550101", "--at-column", "when"]).status == 64)
        #expect(try sandbox.exec(["block", "--file", bad, "--at-column", "nope"]).status == 65)
    }
}
