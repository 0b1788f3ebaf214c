import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// A message that may ask to stop holds marketing until someone decides: pending review → `check` 1
/// → accept → opted-out; dismiss → active; every decision is an event.
@Suite struct ReviewQueueTests {
    func held(_ sandbox: Sandbox, _ number: String = "+12125550101", id: String = "r1") throws {
        let result = try sandbox.exec(["ingest-message", "--from", number, "--text", "please stop calling me", "--id", id])
        #expect(result.stdout == "\(number)  review  \"en-other-channel\"  review-logged  status: review-pending\n")
    }

    @Test func aPendingReviewHoldsMarketingUntilAccepted() throws {
        let sandbox = Sandbox()
        try held(sandbox)
        let check = try sandbox.exec(["check", "+12125550101"])
        #expect(check.status == 1)
        #expect(check.stdout == "+12125550101\tmay not receive marketing: review-pending\n")
        #expect(try sandbox.exec(["check", "+12125550101", "--category", "utility"]).status == 0)
        let csv = sandbox.write("c.csv", "phone\n+12125550101\n+12125550102\n")
        let filtered = try sandbox.exec(["filter-campaign", csv, "--rejected", sandbox.file("rejected.csv"), "--output", sandbox.file("ok.csv")])
        #expect(filtered.stderr.hasPrefix("2 rows: 1 kept, 1 skipped (1 review-pending)"))
        #expect(sandbox.read("rejected.csv") == Data("phone,optout_reason\n+12125550101,review-pending\n".utf8))

        let list = try sandbox.exec(["review", "--format", "csv"])
        #expect(list.stdout.hasPrefix("review_id,number,scope,at,message_id,message_text,layer,rule,proposed\n1,+12125550101,default,"))
        #expect(list.stdout.hasSuffix(",r1,please stop calling me,intent,\"intent rule \"\"en-other-channel\"\": \"\"stop calling\"\": a possible request to stop, held for review\",opt-out\n"))
        let accepted = try sandbox.exec(["review", "accept", "1", "--reason", "clear request"], environment: ["OPTOUT_ACTOR": "rita"])
        #expect(accepted.stdout == "+12125550101\treview 1 accepted: opt-out recorded (opted-out)\n")
        #expect(try sandbox.exec(["review"]).stdout == "No pending reviews.\n")
        #expect(try sandbox.exec(["check", "+12125550101"]).stdout == "+12125550101\tmay not receive marketing: opted-out\n")
        let events = try sandbox.exec(["export", "--events", "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
        // By event time: the opt-out is dated at the message, the decision when it was made.
        #expect(events.map { $0.split(separator: ",")[3] } == ["review", "opt-out", "review-accept"])
        #expect(events.dropFirst().allSatisfy { $0.contains(",rita,") })
    }

    @Test func aDismissedReviewLeavesThePersonActive() throws {
        let sandbox = Sandbox()
        try held(sandbox)
        #expect(try sandbox.exec(["review", "dismiss", "+12125550101"]).status == 64)
        let dismissed = try sandbox.exec(["review", "dismiss", "(212) 555-0101", "--reason", "asked about an order", "--default-country", "US"])
        #expect(dismissed.stdout == "+12125550101\treview 1 dismissed (active)\n")
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 0)
        let missing = try sandbox.exec(["review", "accept", "1"])
        #expect(missing.status == 65)
        #expect(missing.stderr == "optout: error: no pending review with event id 1 in scope default\n")
    }

    @Test func theHoldIsASettingPerScope() throws {
        let sandbox = Sandbox()
        try held(sandbox)
        #expect(try sandbox.exec(["config", "set", "review-holds-marketing", "off"]).status == 0)
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 0)
        #expect(try sandbox.exec(["config", "set", "review-holds-marketing", "maybe"]).status == 64)
    }

    @Test func acceptingAfterTheCustomerSpokeAgainDoesNotOverrideThem() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "please stop calling me", "--at", "2026-11-01"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "START", "--at", "2026-11-02"]).status == 0)
        let accepted = try sandbox.exec(["review", "accept", "+12125550101"])
        #expect(accepted.stdout == "+12125550101\treview 1 accepted; the opt-out was not applied: the customer said otherwise after this message (active)\n")
    }

    @Test func reviewsOfAnEarlierReleaseArePendingAfterTheMigration() throws {
        let sandbox = Sandbox(withDatabase: false)
        let key = Int64(bitPattern: try #require(PhoneNumber(e164: "+12125550101")).matchKey)
        do {
            let database = try Database(path: sandbox.database)
            try database.executeScript(Schema.migrations[0] + ";" + Schema.migrations[1])
            try database.executeScript("PRAGMA user_version = 2; PRAGMA application_id = \(Schema.applicationID)")
            try database.executeScript("""
                INSERT INTO events (scope, match_key, number, action, source, at, recorded_at, keyword, message_text, applied)
                VALUES ('default', \(key), '+12125550101', 'review', 'keyword', 1000, 1000, 'stop-sending', 'stop sending', 1);
                """)
        }
        #expect(try sandbox.exec(["check", "+12125550101"]).stdout == "+12125550101\tmay not receive marketing: review-pending\n")
        #expect(try sandbox.exec(["review", "--format", "jsonl"]).stdout.contains(#""message_text":"stop sending""#))
    }
}
