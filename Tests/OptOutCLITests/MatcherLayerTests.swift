import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// The matcher's layers through the built binary: what each layer decides, what the log keeps, the
/// opt-ins held for review, brand words, and undoing an automatic opt-out (`review --auto`, `undo`).
@Suite struct MatcherLayerTests {
    func ingest(_ sandbox: Sandbox, _ number: String, _ text: String, id: String) throws -> [String: Any] {
        let result = try sandbox.exec(["ingest-message", "--from", number, "--text", text, "--id", id, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        return try #require(object?.first)
    }

    @Test func everyLayerIsNamedInTheOutputAndTheLog() throws {
        let sandbox = Sandbox()
        let cases: [(String, String, String)] = [
            ("STOP", "opt-out", "exact"), ("ЅТОР", "opt-out", "folded"), ("Stpp", "opt-out", "fuzzy"),
            ("Stop the deals", "opt-out", "intent"), ("stop calling me", "review", "intent"),
        ]
        for (index, (text, verdict, layer)) in cases.enumerated() {
            let reply = try ingest(sandbox, "+1212555\(String(format: "%04d", index))", text, id: "m\(index)")
            #expect(reply["verdict"] as? String == verdict, "\(text)")
            #expect(reply["layer"] as? String == layer, "\(text)")
        }
        let events = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout.split(separator: "\n")
        let layers = try events.map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["layer"] as? String
        }
        #expect(layers == ["exact", "folded", "fuzzy", "intent", "intent"])
    }

    @Test func aNaturalOptInIsHeldAndAcceptingItOptsIn() throws {
        let sandbox = Sandbox()
        _ = try ingest(sandbox, "+12125550101", "STOP", id: "m1")
        let held = try ingest(sandbox, "+12125550101", "please put me back on the list", id: "m2")
        #expect(held["verdict"] as? String == "review" && held["proposed"] as? String == "opt-in")
        #expect(held["status_after"] as? String == "opted-out")
        let list = try sandbox.exec(["review", "--format", "csv"]).stdout
        #expect(list.hasSuffix(",opt-in\n"), "\(list)")
        let accepted = try sandbox.exec(["review", "accept", "+12125550101", "--reason", "asked to come back"])
        #expect(accepted.stdout == "+12125550101\treview 2 accepted: opt-in recorded (opted-in)\n")
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 0)
        let csv = sandbox.write("c.csv", "phone\n+12125550101\n+12125550102\n")
        let kept = try sandbox.exec(["filter-campaign", csv, "--require-opt-in", "--output", sandbox.file("ok.csv")])
        #expect(kept.status == 0)
        #expect(sandbox.read("ok.csv") == Data("phone\n+12125550101\n".utf8))
    }

    @Test func theReviewTablesSeparateEveryColumn() throws {
        let sandbox = Sandbox()
        _ = try ingest(sandbox, "+12125550101", "stop calling me", id: "m1")
        _ = try ingest(sandbox, "+12125550102", "stop texting me", id: "m2")
        let pending = try sandbox.exec(["review"]).stdout.split(separator: "\n")
        #expect(pending.first?.hasSuffix("PROPOSED            LAYER       RULE  MESSAGE") == true, "\(pending)")
        #expect(pending.last?.hasSuffix("opt-out             intent      en-other-channel  \"stop calling me\"") == true, "\(pending)")
        let automatic = try sandbox.exec(["review", "--auto"]).stdout.split(separator: "\n")
        #expect(automatic.first?.hasSuffix("APPLIED             LAYER       RULE  MESSAGE") == true, "\(automatic)")
        #expect(automatic.last?.hasSuffix("intent      en-stop-messages  \"stop texting me\"") == true, "\(automatic)")
    }

    @Test func theMenuWordVoltarChangesNothing() throws {
        let sandbox = Sandbox()
        _ = try ingest(sandbox, "+5511987654321", "SAIR", id: "m1")
        let menu = try ingest(sandbox, "+5511987654321", "Voltar", id: "m2")
        #expect(menu["verdict"] as? String == "none")
        #expect(menu["status_after"] as? String == "opted-out")
    }

    @Test func brandWordsLetAKeywordNameTheProgram() throws {
        let sandbox = Sandbox()
        let before = try ingest(sandbox, "+12125550101", "STOP Acme", id: "m1")
        #expect(before["verdict"] as? String == "review" && before["layer"] as? String == "folded")
        #expect(try sandbox.exec(["config", "set", "brand-words", "Acme, Acme Rewards"]).status == 0)
        let after = try ingest(sandbox, "+12125550102", "STOP Acme Rewards", id: "m2")
        #expect(after["verdict"] as? String == "opt-out" && after["layer"] as? String == "folded")
        #expect(after["rule"] as? String == "whole-message opt-out keyword \"stop\" with brand word \"Acme Rewards\"")
    }

    @Test func anAutomaticOptOutCanBeUndoneOnceWithAReason() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["opt-in", "+12125550101", "--source", "web-form"]).status == 0)
        _ = try ingest(sandbox, "+12125550101", "stop the deals", id: "m1")
        _ = try ingest(sandbox, "+12125550102", "STOP", id: "m2")
        let automatic = try sandbox.exec(["review", "--auto", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(automatic.count == 2, "only the intent opt-out is listed: \(automatic)")
        #expect(automatic.last?.hasPrefix("2,+12125550101,default,") == true)
        #expect(try sandbox.exec(["review", "undo", "2"]).status == 64)
        let undone = try sandbox.exec(["review", "undo", "2", "--reason", "asked about deals, not to stop"])
        #expect(undone.stdout == "+12125550101\topt-out 2 undone (opted-in)\n")
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 0)
        #expect(try sandbox.exec(["review", "--auto"]).stdout == "No automatic opt-outs in the last 14 days.\n")
        let again = sandbox.run(["review", "undo", "2", "--reason", "twice"])
        #expect(again.status == 65 && again.stderr.contains("no automatic opt-out with event id 2"))
        let exact = sandbox.run(["review", "undo", "3", "--reason", "an exact STOP"])
        #expect(exact.status == 65)
        let events = try sandbox.exec(["export", "--events", "--format", "csv"]).stdout
        #expect(events.contains(",review-undo,manual,"))
    }

    @Test func anUndoIsRefusedWhenTheCustomerSpokeSince() throws {
        let sandbox = Sandbox()
        _ = try ingest(sandbox, "+12125550101", "stop the deals", id: "m1")
        _ = try ingest(sandbox, "+12125550101", "STOP", id: "m2")
        let refused = sandbox.run(["review", "undo", "+12125550101", "--reason", "mistake"])
        // The exact STOP changed nothing (already opted out) but is logged: the customer asked again.
        #expect(refused.status == 65 && refused.stderr.contains("no longer the number's consent"), "\(refused.stderr)")
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 1)
        _ = try ingest(sandbox, "+12125550102", "stop the deals", id: "m3")
        _ = try ingest(sandbox, "+12125550102", "START", id: "m4")
        let superseded = sandbox.run(["review", "undo", "+12125550102", "--reason", "mistake"])
        #expect(superseded.status == 65 && superseded.stderr.contains("no longer the number's consent"))
    }
}
