import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// Subjects known by a number and a WhatsApp business-scoped user id: a suppression under either
/// identifier covers both, links come only from webhook evidence, and each link is an event.
@Suite struct SubjectLinkTests {
    static let user = "US.13491208655302741918"

    /// A Meta body from `from` (a WhatsApp id, or nil) and `userID` (or nil) saying `text`.
    func body(_ sandbox: Sandbox, from: String?, userID: String?, text: String, id: String) -> String {
        var message = #""id":"\#(id)","timestamp":"1767261600","type":"text","text":{"body":"\#(text)"}"#
        if let from { message += #","from":"\#(from)""# }
        if let userID { message += #","from_user_id":"\#(userID)""# }
        return sandbox.write("\(id).json", #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{\#(message)}]}}]}]}"#)
    }

    func status(_ sandbox: Sandbox, _ identifier: String) throws -> String {
        try sandbox.exec(["check", identifier]).stdout
    }

    @Test func aStopUnderTheNumberSuppressesTheLinkedUserID() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["ingest-message", "--whatsapp", body(sandbox, from: "15551234567", userID: Self.user, text: "hello", id: "m1")]).status == 0)
        #expect(try status(sandbox, Self.user) == "\(Self.user)\tmay receive marketing (active)\n")
        #expect(sandbox.run(["ingest-message", "--from", "+15551234567", "--text", "STOP"]).status == 0)
        #expect(sandbox.run(["check", Self.user]).status == 1)
        #expect(try status(sandbox, Self.user) == "\(Self.user)\tmay not receive marketing: opted-out\n")
        let events = try sandbox.exec(["export", "--events", "--format", "csv"]).stdout
        #expect(events.contains(",+15551234567,default,link,webhook,"))
    }

    @Test func aStopUnderTheUserIDSuppressesTheLinkedNumberAndStaffBlocksFollowToo() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["ingest-message", "--whatsapp", body(sandbox, from: nil, userID: Self.user, text: "STOP", id: "m1")]).status == 0)
        #expect(sandbox.run(["check", "+15551234567"]).status == 0, "not linked yet: nothing says they are one person")
        // A later message carries both: the link brings the opt-out to the number.
        #expect(sandbox.run(["ingest-message", "--whatsapp", body(sandbox, from: "15551234567", userID: Self.user, text: "hi", id: "m2")]).status == 0)
        #expect(try status(sandbox, "+15551234567") == "+15551234567\tmay not receive marketing: opted-out\n")
        #expect(sandbox.run(["block", "+15551234567", "--reason", "abuse"]).status == 0)
        #expect(try status(sandbox, Self.user) == "\(Self.user)\tmay not receive marketing: blocked\n")
    }

    @Test func aChangedNumberCarriesTheOptOut() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["ingest-message", "--from", "+15551230003", "--text", "STOP"]).status == 0)
        let change = sandbox.write("change.json", #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551230003","id":"wamid.SYS","timestamp":"1767261700","type":"system","system":{"body":"User A changed from 15551230003 to 15551230004","wa_id":"15551230004","type":"user_changed_number"}}]}}]}]}"#)
        let result = try sandbox.exec(["ingest-message", "--whatsapp", change])
        #expect(result.stdout == "+15551230003  none  -  linked  status: opted-out\n")
        #expect(try status(sandbox, "+15551230004") == "+15551230004\tmay not receive marketing: opted-out\n")
        // Re-delivered: nothing new.
        #expect(try sandbox.exec(["ingest-message", "--whatsapp", change]).stdout == "+15551230003  none  -  duplicate  status: opted-out\n")
    }

    @Test func linkingNeverLiftsASuppression() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["opt-in", "+15551234567", "--source", "web-form"]).status == 0)
        #expect(sandbox.run(["block", Self.user, "--reason", "asked in chat"]).status == 0)
        #expect(sandbox.run(["ingest-message", "--whatsapp", body(sandbox, from: "15551234567", userID: Self.user, text: "hi", id: "m1")]).status == 0)
        #expect(try status(sandbox, "+15551234567") == "+15551234567\tmay not receive marketing: blocked\n")
        #expect(try status(sandbox, Self.user) == "\(Self.user)\tmay not receive marketing: blocked\n")
    }
}

/// `filter-campaign` with a user-id column beside the phone column.
@Suite struct CampaignUserIDTests {
    @Test func aRowIsDroppedWhenEitherIdentifierIsSuppressed() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "US.111", "--reason", "x"]).status == 0)
        #expect(sandbox.run(["ingest-message", "--from", "+15550100002", "--text", "STOP"]).status == 0)
        let csv = sandbox.write("c.csv", """
            name,phone,user_id
            A,+15550100001,US.111
            B,+15550100002,
            C,,US.222
            D,not a number,US.333
            E,not a number,
            F,+15550100003,US.444

            """)
        let result = try sandbox.exec(["filter-campaign", csv, "--rejected", sandbox.file("rejected.csv"), "--output", sandbox.file("ok.csv")])
        #expect(result.stderr.hasPrefix("6 rows: 3 kept, 3 skipped (1 blocked, 1 invalid-number, 1 opted-out)"), "\(result.stderr)")
        #expect(sandbox.read("ok.csv") == Data("name,phone,user_id\nC,,US.222\nD,not a number,US.333\nF,+15550100003,US.444\n".utf8))
        #expect(sandbox.read("rejected.csv") == Data("""
            name,phone,user_id,optout_reason
            A,+15550100001,US.111,blocked
            B,+15550100002,,opted-out
            E,not a number,,invalid-number: contains letters

            """.utf8))
        let json = try sandbox.exec(["filter-campaign", csv, "--report", "json", "--output", sandbox.file("ok2.csv")])
        #expect(json.stdout.contains(#""user_id_column":"user_id""#))
    }

    @Test func aNamedUserIDColumnMustExist() {
        let sandbox = Sandbox()
        let csv = sandbox.write("c.csv", "phone,wa\n+15550100001,US.1\n")
        let result = sandbox.run(["filter-campaign", csv, "--user-id-column", "bsuid"])
        #expect(result.status == 65 && result.stderr.contains("no column 'bsuid' in the header"))
        let named = sandbox.run(["filter-campaign", csv, "--user-id-column", "wa"])
        #expect(named.status == 0)
    }
}

/// `show` of a linked person: every identifier, and the history under any of them.
@Suite struct ShowSubjectTests {
    @Test func showListsEveryIdentifierAndTheWholeHistory() throws {
        let sandbox = Sandbox()
        let body = sandbox.write("b.json", #"{"entry":[{"changes":[{"value":{"contacts":[{"wa_id":"15551234567","user_id":"US.42"}],"messages":[{"from":"15551234567","id":"m1","timestamp":"1767261600","type":"text","text":{"body":"hello"}}]}}]}]}"#)
        #expect(sandbox.run(["ingest-message", "--whatsapp", body]).status == 0)
        #expect(sandbox.run(["ingest-message", "--from", "US.42", "--text", "STOP", "--at", "2026-01-02"]).status == 0)
        let text = try sandbox.exec(["show", "+15551234567"]).stdout
        #expect(text.contains("scope default: opted-out"), "\(text)")
        #expect(text.contains("one person with +15551234567, US.42"), "\(text)")
        #expect(text.contains("opt-out  keyword  as US.42"), "\(text)")
        let json = try sandbox.exec(["show", "US.42", "--format", "json"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["user_id"] as? String == "US.42")
        #expect(object["identifiers"] as? [String] == ["+15551234567", "US.42"])
        let scopes = try #require(object["scopes"] as? [[String: Any]])
        #expect((scopes.first?["events"] as? [[String: Any]])?.map { $0["action"] as? String } == ["link", "opt-out"])
    }
}

/// `list` and `export` put each identifier in its own column: `number`, `user_id`, `parent_user_id`.
@Suite struct ExportUserIDTests {
    @Test func eachKindOfIdentifierHasItsColumn() throws {
        let sandbox = Sandbox()
        for identifier in ["+15550000001", "US.42", "US.ENT.9"] {
            #expect(sandbox.run(["block", identifier, "--reason", "x"]).status == 0)
        }
        let lines = try sandbox.exec(["export", "--format", "csv"]).stdout.split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let number = try #require(header.firstIndex(of: "number")), user = try #require(header.firstIndex(of: "user_id"))
        let parent = try #require(header.firstIndex(of: "parent_user_id"))
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { [String($0[number]), String($0[user]), String($0[parent])] }
        #expect(rows.sorted { $0.joined() < $1.joined() } == [["+15550000001", "", ""], ["", "US.42", ""], ["", "", "US.ENT.9"]])
        let events = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout
        #expect(events.contains(#""number":null"#) && events.contains(#""user_id":"US.42""#) && events.contains(#""parent_user_id":"US.ENT.9""#))
        let list = try sandbox.exec(["list", "--format", "jsonl"]).stdout
        #expect(list.contains(#""number":null,"scope":"default""#) && list.contains(#""user_id":"US.42""#))
        #expect(!list.contains(#""identifiers":""#) || list.contains(#""identifiers":null"#))
    }

    @Test func linkedIdentifiersAreListedOnEachOfTheirRows() throws {
        let sandbox = Sandbox()
        let body = sandbox.write("b.json", #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551234567","from_user_id":"US.42","id":"m1","timestamp":"1767261600","type":"text","text":{"body":"STOP"}}]}}]}]}"#)
        #expect(sandbox.run(["ingest-message", "--whatsapp", body]).status == 0)
        #expect(sandbox.run(["block", "+15550000009", "--reason", "x"]).status == 0)
        let export = try sandbox.exec(["export", "--format", "jsonl"]).stdout.split(separator: "\n")
        let list = try sandbox.exec(["list", "--format", "jsonl"]).stdout.split(separator: "\n")
        for lines in [export, list] {
            let identifiers = try lines.map { line in
                (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["identifiers"] as? String
            }
            #expect(identifiers.sorted { ($0 ?? "") < ($1 ?? "") } == [nil, "+15551234567 US.42", "+15551234567 US.42"], "\(lines)")
        }
    }
}

/// User ids from every input form of `ingest-message`.
@Suite struct IngestUserIDTests {
    @Test func twilioJSONLinesAndAChangedUserID() throws {
        let sandbox = Sandbox()
        let twilio = sandbox.write("t.form", "From=whatsapp%3AUS.555&To=whatsapp%3A%2B15550001111&Body=STOP&MessageSid=SM1")
        let fromTwilio = try sandbox.exec(["ingest-message", "--twilio", twilio])
        #expect(fromTwilio.stdout.hasPrefix("US.555  opt-out  \"stop\"  opted-out"), "\(fromTwilio.stdout)")
        let lines = sandbox.write("l.jsonl", """
            {"user_id":"US.666","text":"STOP","id":"j1"}
            {"from":"+15550100009","user_id":"US.777","text":"hello","id":"j2"}
            {"user_id":"US.777","text":"unsubscribe","id":"j3"}

            """)
        #expect(sandbox.run(["ingest-message", "--jsonl", lines]).status == 0)
        #expect(sandbox.run(["check", "US.666"]).status == 1)
        #expect(try sandbox.exec(["check", "+15550100009"]).stdout == "+15550100009\tmay not receive marketing: opted-out\n")
        // user_changed_user_id links the new user id to the sender.
        let change = sandbox.write("c.json", #"{"entry":[{"changes":[{"value":{"messages":[{"from_user_id":"US.666","id":"wamid.C","timestamp":"1767261700","type":"system","system":{"body":"changed","user_id":"US.999","type":"user_changed_user_id"}}]}}]}]}"#)
        #expect(try sandbox.exec(["ingest-message", "--whatsapp", change]).stdout == "US.666  none  -  linked  status: opted-out\n")
        #expect(try sandbox.exec(["check", "US.999"]).stdout == "US.999\tmay not receive marketing: opted-out\n")
        // A user id that is not one is reported and nothing is recorded.
        let bad = sandbox.write("b.jsonl", #"{"user_id":"nobody","text":"STOP"}"# + "\n")
        let result = sandbox.run(["ingest-message", "--jsonl", bad])
        #expect(result.stderr.contains("sender's user id is not a WhatsApp business-scoped user id"), "\(result.stderr)")
    }
}

/// The review queue names a person by any of their identifiers.
@Suite struct ReviewUserIDTests {
    @Test func aReviewIsDecidedByTheUserIDOrALinkedNumber() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["ingest-message", "--from", "US.42", "--text", "stop calling me"]).status == 0)
        #expect(sandbox.run(["check", "US.42"]).status == 1, "held for review")
        let body = sandbox.write("b.json", #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551234567","from_user_id":"US.42","id":"m1","timestamp":"1767261600","type":"text","text":{"body":"ok"}}]}}]}]}"#)
        #expect(sandbox.run(["ingest-message", "--whatsapp", body]).status == 0)
        #expect(try sandbox.exec(["check", "+15551234567"]).stdout == "+15551234567\tmay not receive marketing: review-pending\n")
        let accepted = try sandbox.exec(["review", "accept", "+15551234567", "--reason", "asked to stop"])
        #expect(accepted.stdout == "US.42\treview 1 accepted: opt-out recorded (opted-out)\n")
        #expect(try sandbox.exec(["check", "+15551234567"]).stdout == "+15551234567\tmay not receive marketing: opted-out\n")
    }
}
