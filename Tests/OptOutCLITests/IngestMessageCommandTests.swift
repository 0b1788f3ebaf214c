import Foundation
import Testing
import OptOutTestSupport
@testable import OptOutCLI
@testable import OptOutCore

@Suite struct IngestMessageCommandTests {
    let optOutReply = ReplyTexts.defaults.optOut

    func eventCount(_ sandbox: Sandbox) throws -> Int64 {
        try OptOutStore(path: sandbox.database).database.scalarInt("SELECT count(*) FROM events") ?? -1
    }

    @Test func singleMessageLineForPeople() {
        let sandbox = Sandbox()
        let result = sandbox.run(["ingest-message", "--from", "+1 555 123 4567", "--text", "Stop!", "--id", "m1"])
        #expect(result.status == 0)
        #expect(result.stdout == "+15551234567  opt-out  \"stop\"  opted-out  status: opted-out  reply: \(optOutReply)\n")
        #expect(result.stderr == "")
        let repeated = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "STOP", "--id", "m2"])
        #expect(repeated.stdout == "+15551234567  opt-out  \"stop\"  none  status: opted-out\n")
    }

    @Test func explainNamesTheLayerAndTheProposal() {
        let sandbox = Sandbox()
        let result = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "stop calling me", "--explain"])
        #expect(result.stdout == """
            +15551234567  review  "en-other-channel"  review-logged  status: review-pending
              input: --from
              normalised: "stop calling me"
              layer: intent, proposing opt-out
              rule: intent rule "en-other-channel": "stop calling": a possible request to stop, held for review

            """)
    }

    @Test func explainShowsNormalisedTextAndRule() {
        let sandbox = Sandbox()
        let result = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "  STOP. Thank you 🙏", "--explain"])
        #expect(result.stdout == """
            +15551234567  opt-out  "stop"  opted-out  status: opted-out  reply: \(optOutReply)
              input: --from
              normalised: "stop thank you"
              layer: exact
              rule: whole-message opt-out keyword "stop" followed by courtesy "thank you"

            """)
    }

    @Test func duplicateDeliveryRecordsNothingNew() throws {
        let sandbox = Sandbox()
        let path = try Fixture.path("webhooks/meta_text_stop.json")
        let first = sandbox.run(["ingest-message", "--whatsapp", path, "--format", "json"])
        #expect(first.status == 0)
        #expect(try eventCount(sandbox) == 1)
        let second = sandbox.run(["ingest-message", "--whatsapp", path, "--format", "json"])
        #expect(second.status == 0)
        #expect(second.stdout == """
            [{"message_id":"wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQ2ODREMjdBRkNEMDY4RDczQzEyRQA=","number":"+15551234567","user_id":null,\
            "verdict":"opt-out","layer":"exact","proposed":null,"keyword":"stop",\
            "rule":"message id seen before in scope default: skipped","action_taken":"duplicate","reply":null,"status_after":"opted-out",\
            "kind":"message","from":"15551234567","line":"109876543210987","scope":"default"}]

            """)
        #expect(try eventCount(sandbox) == 1)
    }

    @Test func jsonKeysForEverySharedWebhook() throws {
        let sandbox = Sandbox()
        let button = sandbox.run(["ingest-message", "--whatsapp", try Fixture.path("webhooks/meta_button_unsubscribe.json"), "--format", "json"])
        let value = try JSONParser().parse(Array(button.stdout.utf8))
        guard case .array(let results) = value, let first = results.first, case .object(let pairs) = first else {
            Issue.record("expected an array of objects")
            return
        }
        #expect(pairs.map(\.0) == ["message_id", "number", "user_id", "verdict", "layer", "proposed", "keyword", "rule", "action_taken", "reply", "status_after", "kind", "from", "line", "scope"])
        #expect(first["verdict"] == .string("opt-out") && first["action_taken"] == .string("opted-out"))
        #expect(first["reply"] == .string(optOutReply))

        let status = sandbox.run(["ingest-message", "--whatsapp", try Fixture.path("webhooks/meta_status_only.json"), "--format", "json"])
        #expect(status.status == 0 && status.stdout == "[]\n")
        let preference = sandbox.run(["ingest-message", "--whatsapp", try Fixture.path("webhooks/meta_user_preferences_stop.json")])
        #expect(preference.stdout == "+525512345678  none  -  marketing-stopped  status: marketing-stopped\n")
        let interactive = sandbox.run(["ingest-message", "--whatsapp", try Fixture.path("webhooks/meta_interactive_button_reply.json")])
        #expect(interactive.stdout.hasPrefix("+447700900123  opt-out  \"unsubscribe\"  opted-out"))
        let twilio = sandbox.run(["ingest-message", "--twilio", try Fixture.path("webhooks/twilio_stop.form")])
        #expect(twilio.stdout == "+15551234567  opt-out  \"stop\"  none  status: opted-out\n")
    }

    @Test func stopAndStartInReverseOrderFromJSONLines() {
        let sandbox = Sandbox()
        let path = sandbox.write("replay.jsonl", """
            {"from":"+15551234567","text":"START","id":"b","at":"2026-01-01T10:05:00Z"}
            {"from":"+15551234567","text":"STOP","id":"a","at":"2026-01-01T10:00:00Z"}

            """)
        let result = sandbox.run(["ingest-message", "--jsonl", path, "--format", "json"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.contains(#""action_taken":"stale","reply":null,"status_after":"active""#) == true)
        #expect(sandbox.run(["check", "+15551234567"]).status == 0)
    }

    @Test func blockedNumberSendingStartStaysBlocked() {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "+15551234567", "--reason", "abuse"]).status == 0)
        let result = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "START"])
        #expect(result.stdout == "+15551234567  opt-in  \"start\"  none  status: blocked\n")
        #expect(sandbox.run(["check", "+15551234567", "--category", "utility"]).status == 1)
    }

    @Test func helpReplyAndReplySetting() {
        let sandbox = Sandbox()
        let help = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "Help"])
        #expect(help.stdout == "+15551234567  help  \"help\"  none  status: active  reply: \(ReplyTexts.defaults.help)\n")
        #expect(sandbox.run(["config", "set", "reply.help", "Call 555-0100."]).status == 0)
        let changed = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "INFO"])
        #expect(changed.stdout == "+15551234567  help  \"info\"  none  status: active  reply: Call 555-0100.\n")
    }

    @Test func configAddAndRemoveChangeTheVerdict() {
        let sandbox = Sandbox()
        let before = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "chega"])
        #expect(before.stdout.hasPrefix("+15551234567  none  -  none"))
        let added = sandbox.run(["config", "add", "keywords.opt-out", "chega", "stop"])
        #expect(added.status == 0)
        #expect(added.stderr == "optout: warning: 'stop' is already in keywords.opt-out\n")
        #expect(added.stdout.hasSuffix(", chega\n"))
        let after = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "Chega!"])
        #expect(after.stdout.hasPrefix("+15551234567  opt-out  \"chega\"  opted-out"))
        #expect(sandbox.run(["config", "remove", "keywords.opt-in", "unstop"]).status == 0)
        let unstop = sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "unstop"])
        #expect(unstop.stdout.hasPrefix("+15551234567  none  -  none  status: opted-out"))
        let wrongKey = sandbox.run(["config", "add", "reply.help", "x"])
        #expect(wrongKey.status == 64)
        #expect(sandbox.run(["config", "get", "keywords.opt-in"]).stdout.hasPrefix("start, subscribe"))
    }

    @Test func malformedBodiesExit65AndRecordNothing() throws {
        let sandbox = Sandbox()
        let truncated = sandbox.write("bad.json", #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"15551234567","id":"x","type":"text","text":{"body":"STOP"}}]"#)
        let result = sandbox.run(["ingest-message", "--whatsapp", truncated])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("optout: error: not a WhatsApp webhook body: not valid JSON:"))
        #expect(try !FileManager.default.fileExists(atPath: sandbox.database) || eventCount(sandbox) == 0)

        // A valid first message does not get recorded when a later one is malformed.
        let mixed = sandbox.write("mixed.json", #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551234567","id":"a","type":"text","text":{"body":"STOP"}},{"from":"15551234568","id":"b","type":"text"}]}}]}]}"#)
        #expect(sandbox.run(["ingest-message", "--whatsapp", mixed]).status == 65)
        let twilio = sandbox.run(["ingest-message", "--twilio", try Fixture.path("webhooks/meta_text_stop.json")])
        #expect(twilio.status == 65)
        #expect(sandbox.run(["ingest-message", "--whatsapp", try Fixture.path("webhooks/twilio_stop.form")]).status == 65)
        #expect(sandbox.run(["ingest-message", "--whatsapp", sandbox.file("missing.json")]).status == 66)
        #expect(try !FileManager.default.fileExists(atPath: sandbox.database) || eventCount(sandbox) == 0)
    }

    @Test func aUsernameOnlySenderIsRecordedUnderItsUserID() throws {
        let sandbox = Sandbox()
        let path = sandbox.write("user.json", #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"contacts":[{"profile":{"name":"C","username":"@c"},"user_id":"US.1349"}],"messages":[{"from_user_id":"US.1349","id":"wamid.U","timestamp":"1767261900","type":"text","text":{"body":"stop"}}]}}]}]}"#)
        let result = sandbox.run(["ingest-message", "--whatsapp", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("US.1349  opt-out  \"stop\"  opted-out  status: opted-out  reply: "))
        #expect(result.stderr == "")
        let check = sandbox.run(["check", "US.1349"])
        #expect(check.status == 1 && check.stdout == "US.1349\tmay not receive marketing: opted-out\n")
        // Neither a number nor a user id: reported, nothing recorded.
        let nobody = sandbox.write("nobody.json", #"{"entry":[{"changes":[{"value":{"messages":[{"id":"wamid.N","type":"text","text":{"body":"stop"}}]}}]}]}"#)
        let none = sandbox.run(["ingest-message", "--whatsapp", nobody])
        #expect(none.stdout == "(no number)  opt-out  \"stop\"  no-number\n")
        #expect(none.stderr == "optout: warning: entry 1, change 1, message 1 (id wamid.N): sender has no phone number or user id (no 'from' or 'from_user_id'); not recorded\n")
    }

    @Test func usageErrors() {
        let sandbox = Sandbox()
        #expect(sandbox.run(["ingest-message"]).status == 64)
        #expect(sandbox.run(["ingest-message", "--from", "+15551234567"]).status == 64)
        #expect(sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "x", "--jsonl", "-"]).status == 64)
        #expect(sandbox.run(["ingest-message", "--whatsapp", "-", "--id", "x"]).status == 64)
        #expect(sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "x", "--at", "soon"]).status == 64)
        let bad = sandbox.run(["ingest-message", "--from", "call me", "--text", "STOP"])
        #expect(bad.status == 65)
        #expect(bad.stderr == "optout: error: 'call me' is neither a phone number nor a WhatsApp user id: contains letters\n")
    }

    @Test func binaryReadsStandardInput() throws {
        let sandbox = Sandbox()
        let body = try String(contentsOfFile: try Fixture.path("webhooks/twilio_stop.form"), encoding: .utf8)
        let result = try sandbox.exec(["ingest-message", "--twilio", "-", "--format", "json"], stdin: body)
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""action_taken":"opted-out""#))
        let lines = try sandbox.exec(
            ["ingest-message", "--jsonl", "-", "--format", "json"],
            stdin: #"{"from":"+15551234568","text":"STOP","id":"z"}"# + "\nnot json\n")
        #expect(lines.status == 65)
        #expect(lines.stdout.contains(#""number":"+15551234568""#))
        #expect(lines.stderr == "optout: error: standard input line 2: not valid JSON: invalid literal at byte 0\n")
    }
}
