import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// Signed webhooks through the built binary: once a secret is configured, a body without a valid
/// signature is refused whole (77) and nothing is recorded; limits refuse oversized bodies (65).
@Suite struct WebhookAuthenticationTests {
    static let secret = "app-secret-for-tests"
    static let token = "twilio-token-for-tests"

    func metaSignature(_ body: [UInt8], secret: String = WebhookAuthenticationTests.secret) -> String {
        OptOutCLITests.metaSignature(body, secret: secret)
    }

    func events(_ sandbox: Sandbox) throws -> Int {
        try sandbox.exec(["export", "--events", "--format", "csv"]).stdout.split(separator: "\n").count - 1
    }

    @Test func aSignedMetaBodyIsRecordedAndAForgedOneIsNot() throws {
        let sandbox = Sandbox()
        let path = try Fixture.path("webhooks/meta_text_stop.json")
        let body = try Fixture.bytes("webhooks/meta_text_stop.json")
        let environment = ["OPTOUT_META_APP_SECRET": Self.secret]
        // Forged: one byte changed, the original signature.
        var forged = body
        forged[forged.count / 2] ^= 0x01
        let forgedPath = sandbox.file("forged.json")
        try Data(forged).write(to: URL(fileURLWithPath: forgedPath))
        let refused = sandbox.run(["ingest-message", "--whatsapp", forgedPath, "--signature", metaSignature(body)], environment: environment)
        #expect(refused.status == 77 && refused.stderr.contains("does not match the Meta app secret"), "\(refused.stderr)")
        let unsigned = sandbox.run(["ingest-message", "--whatsapp", path], environment: environment)
        #expect(unsigned.status == 77 && unsigned.stderr.contains("has no --signature"))
        #expect(try events(sandbox) == 0)
        let signed = sandbox.run(["ingest-message", "--whatsapp", path, "--signature", metaSignature(body)], environment: environment)
        #expect(signed.status == 0 && signed.stdout.contains("opted-out"), "\(signed.stderr)")
        #expect(try events(sandbox) == 1)
        // The secret from a file; a named file that is missing is an error, never "no check".
        let secretFile = sandbox.write("secret", Self.secret + "\n")
        let again = sandbox.run(["ingest-message", "--whatsapp", forgedPath, "--signature", metaSignature(body), "--app-secret-file", secretFile])
        #expect(again.status == 77)
        let missing = sandbox.run(["ingest-message", "--whatsapp", path, "--signature", metaSignature(body), "--app-secret-file", sandbox.file("nope")])
        #expect(missing.status == 66)
        // A signature with no secret to check it against is a usage error, not a pass.
        #expect(sandbox.run(["ingest-message", "--whatsapp", path, "--signature", metaSignature(body)]).status == 64)
        #expect(sandbox.run(["ingest-message", "--whatsapp", path, "--app-secret-file", sandbox.write("blank", "\n\n")]).status == 65)
    }

    @Test func whileASecretIsRotatedTheFileHoldsBothAndEitherSigns() throws {
        let sandbox = Sandbox()
        let rotation = sandbox.write("secrets", "old-secret\r\n\nnew-secret\n")
        for (index, secret) in ["old-secret", "new-secret"].enumerated() {
            let body = Array(try Fixture.text("webhooks/meta_text_stop.json").replacingOccurrences(of: "wamid.HBgL", with: "wamid.R\(index)").utf8)
            let path = sandbox.file("body\(index).json")
            try Data(body).write(to: URL(fileURLWithPath: path))
            let result = sandbox.run(["ingest-message", "--whatsapp", path, "--signature", metaSignature(body, secret: secret), "--app-secret-file", rotation])
            #expect(result.status == 0, "\(secret): \(result.stderr)")
            let other = sandbox.run(["ingest-message", "--whatsapp", path, "--signature", metaSignature(body, secret: "third"), "--app-secret-file", rotation])
            #expect(other.status == 77)
        }
        #expect(try events(sandbox) == 1, "the second body is the same number's STOP again: one change")
    }

    /// libcrypto is opened by a signature check only: the other commands start without it (glibc's
    /// loader lists every library it opens under `LD_DEBUG=libs`), and a signed body still loads it.
    @Test(.enabled(if: OptOutBinary.isGlibc)) func onlyASignedBodyLoadsLibCrypto() throws {
        let sandbox = Sandbox()
        let trace = ["LD_DEBUG": "libs"]
        for arguments in [["--version"], ["check", "+15551234567"], ["ingest-message", "--from", "+15551234567", "--text", "STOP"]] {
            let run = try sandbox.exec(arguments, environment: trace)
            #expect(run.stderr.contains("libsqlite3"), "the trace lists the libraries: \(run.stderr.prefix(300))")
            #expect(!run.stderr.contains("libcrypto"), "\(arguments) loads libcrypto")
        }
        let body = Array(#"{"object":"whatsapp_business_account","entry":[]}"#.utf8)
        let path = sandbox.file("empty.json")
        try Data(body).write(to: URL(fileURLWithPath: path))
        let signed = try sandbox.exec(
            ["ingest-message", "--whatsapp", path, "--signature", metaSignature(body, secret: "s3cret")],
            environment: trace.merging(["OPTOUT_META_APP_SECRET": "s3cret"]) { $1 })
        #expect(signed.status == 0, "\(signed.stderr.suffix(300))")
        #expect(signed.stderr.contains("libcrypto.so"), "a signed body opens libcrypto")
    }

    @Test func aSignedTwilioBodyIsRecordedAndAForgedStartIsNot() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "--opt-out", "+15551234567"]).status == 0)
        let url = "https://example.com/twilio"
        let start = "Body=START&From=whatsapp%3A%2B15551234567&MessageSid=SM1&To=whatsapp%3A%2B15550001111"
        let path = sandbox.write("start.form", start)
        let signed = Array((url + "BodySTARTFromwhatsapp:+15551234567MessageSidSM1Towhatsapp:+15550001111").utf8)
        let signature = try MessageAuthentication.base64(MessageAuthentication.hmac(.sha1, key: Array(Self.token.utf8), message: signed))
        let environment = ["OPTOUT_TWILIO_AUTH_TOKEN": Self.token]
        let forged = sandbox.run(["ingest-message", "--twilio", path, "--signature", "AAAA" + signature.dropFirst(4), "--url", url], environment: environment)
        #expect(forged.status == 77)
        let wrongURL = sandbox.run(["ingest-message", "--twilio", path, "--signature", signature, "--url", url + "/other"], environment: environment)
        #expect(wrongURL.status == 77)
        #expect(sandbox.run(["ingest-message", "--twilio", path, "--signature", signature], environment: environment).status == 64)
        #expect(try sandbox.exec(["check", "+15551234567"]).status == 1, "still opted out")
        let good = sandbox.run(["ingest-message", "--twilio", path, "--signature", signature, "--url", url], environment: environment)
        #expect(good.status == 0 && good.stdout.contains("opted-in"), "\(good.stderr)")
    }

    @Test func bodiesOverTheLimitsAreRefusedWhole() throws {
        let sandbox = Sandbox()
        var messages: [String] = []
        for index in 0..<3 {
            messages.append(#"{"from":"1555123456\#(index)","id":"wamid.\#(index)","timestamp":"1767261600","type":"text","text":{"body":"STOP"}}"#)
        }
        let path = sandbox.write("three.json", #"{"entry":[{"changes":[{"value":{"messages":[\#(messages.joined(separator: ","))]}}]}]}"#)
        #expect(sandbox.run(["config", "set", "webhook.max-messages", "2"]).status == 0)
        let many = sandbox.run(["ingest-message", "--whatsapp", path])
        #expect(many.status == 65 && many.stderr.contains("over the limit of 2 (setting webhook.max-messages)"), "\(many.stderr)")
        #expect(sandbox.run(["config", "reset", "webhook.max-messages"]).status == 0)
        #expect(sandbox.run(["config", "set", "webhook.max-bytes", "100"]).status == 0)
        let large = sandbox.run(["ingest-message", "--whatsapp", path])
        #expect(large.status == 65 && large.stderr.contains("(setting webhook.max-bytes)"))
        #expect(try events(sandbox) == 0)
        #expect(sandbox.run(["config", "set", "webhook.max-bytes", "0"]).status == 64)
        #expect(sandbox.run(["config", "set", "webhook.max-bytes", "16777217"]).stderr.contains("from 1 to 16777216"), "no limit above what is ever read into memory")
    }

    @Test func aBlockedNumberGetsNoReplyAtAll() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["block", "+15551234567", "--reason", "abuse"]).status == 0)
        let stop = try sandbox.exec(["ingest-message", "--from", "+15551234567", "--text", "STOP", "--format", "json"]).stdout
        #expect(stop.contains(#""reply":null"#) && stop.contains(#""status_after":"blocked""#), "\(stop)")
        let help = try sandbox.exec(["ingest-message", "--from", "+15551234567", "--text", "HELP", "--format", "json"]).stdout
        #expect(help.contains(#""reply":null"#), "\(help)")
    }
}

/// One endpoint for several business lines: `line-scopes` maps a line to the scope its messages go to.
@Suite struct LineScopeTests {
    @Test func eachLineRecordsInItsScope() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["config", "set", "line-scopes", "109876543210987=brand-b, whatsapp:+15557654321=brand-c"]).status == 0)
        #expect(try sandbox.exec(["config", "get", "line-scopes"]).stdout == "+15557654321=brand-c, 109876543210987=brand-b\n")
        let meta = try sandbox.exec(["ingest-message", "--whatsapp", try Fixture.path("webhooks/meta_text_stop.json"), "--format", "json"]).stdout
        #expect(meta.contains(#""line":"109876543210987","scope":"brand-b""#), "\(meta)")
        #expect(sandbox.run(["check", "+15551234567"]).status == 0, "not in the default scope")
        #expect(sandbox.run(["check", "+15551234567", "--scope", "brand-b"]).status == 1)
        let twilio = try sandbox.exec(["ingest-message", "--twilio", try Fixture.path("webhooks/twilio_stop.form"), "--format", "json"]).stdout
        #expect(twilio.contains(#""scope":"brand-c""#), "\(twilio)")
        #expect(sandbox.run(["config", "set", "line-scopes", "nonsense"]).status == 64)
    }
}

/// Replies to Meta bodies wait in the outbox until the business's sender acknowledges them.
@Suite struct OutboxTests {
    @Test func aMetaStopQueuesItsReplyUntilAcknowledged() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["ingest-message", "--whatsapp", try Fixture.path("webhooks/meta_text_stop.json")]).status == 0)
        // A Twilio reply goes back in the response (TwiML), a --from message has no platform: not queued.
        #expect(sandbox.run(["ingest-message", "--from", "+15550100009", "--text", "STOP"]).status == 0)
        let list = try sandbox.exec(["outbox", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(list.count == 2, "\(list)")
        #expect(list[0] == "id,scope,to,line,text,message_id,created_at")
        #expect(list[1].hasPrefix("1,default,15551234567,109876543210987,You have been unsubscribed"))
        #expect(list[1].contains(",wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQ2ODREMjdBRkNEMDY4RDczQzEyRQA=,"))
        let wrong = sandbox.run(["outbox", "ack", "1", "7"])
        #expect(wrong.status == 65 && wrong.stderr.contains("no unsent outbox message with id 7"))
        #expect(try sandbox.exec(["outbox"]).stdout.contains("15551234567"), "nothing acknowledged by a wrong id")
        #expect(try sandbox.exec(["outbox", "ack", "1"]).stdout == "1 reply marked sent\n")
        #expect(try sandbox.exec(["outbox"]).stdout == "No replies waiting.\n")
        #expect(sandbox.run(["outbox", "ack", "1"]).status == 65, "already sent")
        // A repeated STOP gets no reply, so nothing is queued.
        #expect(sandbox.run(["ingest-message", "--whatsapp", try Fixture.path("webhooks/meta_text_stop.json")]).status == 0)
        #expect(try sandbox.exec(["outbox"]).stdout == "No replies waiting.\n")
    }
}
