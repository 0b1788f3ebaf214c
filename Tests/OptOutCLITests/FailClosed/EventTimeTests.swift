@testable import OptOutCore
import Foundation
import OptOutTestSupport
import Testing

/// An event time far ahead of the receiving clock is not trusted, and staff changes always take effect.
@Suite struct EventTimeTests {
    @Test func aFutureDatedStartCannotOutliveALaterStop() throws {
        let sandbox = Sandbox()
        let start = try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "START", "--id", "m1", "--at", "2099-01-01"])
        #expect(start.status == 0)
        #expect(start.stderr == "optout: warning: --from (id m1): its time 2099-01-01T00:00:00Z is more than 5 minutes ahead of this clock; recorded at the time it was received\n")
        let stop = try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "STOP", "--id", "m2"])
        #expect(stop.stdout.hasPrefix("+12125550101  opt-out  \"stop\"  opted-out  status: opted-out"))
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 1)
        let events = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(events[0].contains(#""claimed_at":"2099-01-01T00:00:00Z""#))
        #expect(events[1].contains(#""claimed_at":null"#))
        #expect(try sandbox.exec(["show", "+12125550101"]).stdout.contains("(claimed 2099-01-01T00:00:00Z; recorded when received)"))
    }

    @Test func aWebhookTimestampInTheYear9999IsNotTrusted() throws {
        let sandbox = Sandbox()
        let body = try Fixture.text("webhooks/meta_text_stop.json").replacingOccurrences(of: "1767261600", with: "253402300799")
        let file = sandbox.write("body.json", body)
        let result = try sandbox.exec(["ingest-message", "--whatsapp", file])
        #expect(result.status == 0)
        #expect(result.stderr.contains("its time 9999-12-31T23:59:59Z is more than 5 minutes ahead of this clock"))
        #expect(try sandbox.exec(["ingest-message", "--from", "+15551234567", "--text", "START"]).stdout.contains("opted-in"))
    }

    @Test func staffChangesAreNeverStale() throws {
        let sandbox = Sandbox()
        // Left by an older release: an opt-out dated far in the future (no clock check then).
        let store = try OptOutStoreAccess.open(sandbox.database)
        try store.database.executeScript("""
            INSERT INTO entries (scope, match_key, number, consent, consent_at, consent_source, status, changed_at)
            VALUES ('default', \(try OptOutStoreAccess.key("+12125550101")), '+12125550101', 'opted-out', 4070908800000,
              'keyword', 'opted-out', 4070908800000)
            """)
        let blocked = try sandbox.exec(["block", "+12125550101"])
        #expect(blocked.stdout == "+12125550101\tblocked\n")
        let unblocked = try sandbox.exec(["unblock", "+12125550101", "--lift-opt-out", "--reason", "customer asked by phone"])
        #expect(unblocked.stdout == "+12125550101\tunblocked; opt-out lifted\n")
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 0)
    }
}
