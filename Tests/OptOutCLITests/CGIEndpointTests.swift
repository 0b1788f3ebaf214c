import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// `ingest-message --cgi` through the built binary, as a web server runs it: CGI variables in the
/// environment, the body on standard input, the response (with its Status header) on standard output.
@Suite struct CGIEndpointTests {
    static let secrets = [
        "OPTOUT_META_APP_SECRET": "meta-secret", "OPTOUT_META_VERIFY_TOKEN": "verify-me",
        "OPTOUT_TWILIO_AUTH_TOKEN": "twilio-token",
    ]

    func cgi(
        _ sandbox: Sandbox, _ variables: [String: String], body: String = "", secrets: [String: String] = CGIEndpointTests.secrets,
        arguments: [String] = []
    ) throws -> RunResult
    {
        var environment = secrets.merging(variables) { $1 }
        if environment["CONTENT_LENGTH"] == nil { environment["CONTENT_LENGTH"] = String(body.utf8.count) }
        return try sandbox.exec(["ingest-message", "--cgi"] + arguments, environment: environment, stdin: body)
    }

    func events(_ sandbox: Sandbox) throws -> Int {
        try sandbox.exec(["export", "--events", "--format", "csv"]).stdout.split(separator: "\n").count - 1
    }

    @Test func theHandshakeAnswersOnlyTheRightToken() throws {
        let sandbox = Sandbox()
        let good = try cgi(sandbox, ["REQUEST_METHOD": "GET", "QUERY_STRING": "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345"])
        #expect(good.status == 0 && good.stdout == "Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n12345")
        let bad = try cgi(sandbox, ["REQUEST_METHOD": "GET", "QUERY_STRING": "hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345"])
        #expect(bad.stdout.hasPrefix("Status: 403 Forbidden\r\n"))
    }

    @Test func aSignedMetaStopIsRecordedAndQueuedAndAChangedByteIsNot() throws {
        let sandbox = Sandbox()
        let body = try Fixture.text("webhooks/meta_text_stop.json")
        let signature = metaSignature(Array(body.utf8), secret: "meta-secret")
        let post = ["REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/json", "HTTP_X_HUB_SIGNATURE_256": signature]
        var tampered = Array(body.utf8)
        tampered[tampered.count / 2] ^= 0x01
        let forged = try cgi(sandbox, post, body: String(decoding: tampered, as: UTF8.self))
        #expect(forged.stdout.hasPrefix("Status: 403 Forbidden\r\n") && forged.stderr.contains("Meta signature missing or wrong"))
        #expect(!forged.stdout.contains("signature"), "diagnostics never go into the response")
        let unconfigured = try cgi(sandbox, post, body: body, secrets: [:])
        #expect(unconfigured.stdout.hasPrefix("Status: 500 Internal Server Error\r\n"))
        #expect(try events(sandbox) == 0)
        let signed = try cgi(sandbox, post, body: body)
        #expect(signed.stdout == "Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nok\n", "\(signed.stderr)")
        #expect(try events(sandbox) == 1)
        #expect(try sandbox.exec(["outbox"]).stdout.contains("15551234567"))
        let notJSON = "{not json"
        let badSignature = metaSignature(Array(notJSON.utf8), secret: "meta-secret")
        let malformed = try cgi(sandbox, post.merging(["HTTP_X_HUB_SIGNATURE_256": badSignature]) { $1 }, body: notJSON)
        #expect(malformed.stdout.hasPrefix("Status: 400 Bad Request\r\n"))
    }

    @Test func aSignedTwilioStopIsAnsweredWithTwiML() throws {
        let sandbox = Sandbox()
        let body = "Body=STOP&From=whatsapp%3A%2B15551234567&MessageSid=SM1&To=whatsapp%3A%2B15550001111"
        let url = "https://hooks.example.com/optout.cgi"
        let signed = Array((url + "BodySTOPFromwhatsapp:+15551234567MessageSidSM1Towhatsapp:+15550001111").utf8)
        let signature = try MessageAuthentication.base64(MessageAuthentication.hmac(.sha1, key: Array("twilio-token".utf8), message: signed))
        let post = [
            "REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/x-www-form-urlencoded", "HTTP_X_TWILIO_SIGNATURE": signature,
            "HTTPS": "on", "HTTP_HOST": "hooks.example.com", "REQUEST_URI": "/optout.cgi",
        ]
        let result = try cgi(sandbox, post, body: body)
        #expect(result.stdout.hasPrefix("Status: 200 OK\r\nContent-Type: application/xml\r\n\r\n"), "\(result.stderr)")
        #expect(result.stdout.hasSuffix("<Response><Message>You have been unsubscribed and will receive no more marketing messages. Reply START to resubscribe.</Message></Response>"))
        // Delivered again: a duplicate, answered with an empty response.
        #expect(try cgi(sandbox, post, body: body).stdout.hasSuffix("<Response/>"))
        let elsewhere = try cgi(sandbox, post.merging(["REQUEST_URI": "/other.cgi"]) { $1 }, body: body)
        #expect(elsewhere.stdout.hasPrefix("Status: 403 Forbidden\r\n"))
    }

    @Test func limitsAndMethods() throws {
        let sandbox = Sandbox()
        #expect(sandbox.run(["config", "set", "webhook.max-bytes", "64"]).status == 0)
        let body = try Fixture.text("webhooks/meta_text_stop.json")
        let signature = metaSignature(Array(body.utf8), secret: "meta-secret")
        let large = try cgi(sandbox, ["REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/json", "HTTP_X_HUB_SIGNATURE_256": signature], body: body)
        #expect(large.stdout.hasPrefix("Status: 413 Content Too Large\r\n"), "\(large.stdout)")
        // The size is checked before the body is parsed: a large body that is not JSON is 413 too.
        let junk = String(repeating: "x", count: 100)
        let junkSignature = metaSignature(Array(junk.utf8), secret: "meta-secret")
        let largeJunk = try cgi(sandbox, ["REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/json", "HTTP_X_HUB_SIGNATURE_256": junkSignature], body: junk)
        #expect(largeJunk.stdout.hasPrefix("Status: 413 Content Too Large\r\n"), "\(largeJunk.stdout)")
        // A declared length over the 16 MiB ceiling is refused unread.
        let declared = try cgi(sandbox, ["REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": "20000000"])
        #expect(declared.status == 0 && declared.stdout.hasPrefix("Status: 413 Content Too Large\r\n"), "\(declared.stdout)")
        #expect(declared.stderr.contains("over the ceiling of 16777216"), "\(declared.stderr)")
        #expect(try events(sandbox) == 0)
        #expect(try cgi(sandbox, ["REQUEST_METHOD": "PUT"]).stdout.hasPrefix("Status: 405 "))
    }

    @Test func aSecretFileThatCannotBeReadIsAServerErrorResponseNotACrash() throws {
        let sandbox = Sandbox()
        let result = try cgi(
            sandbox, ["REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/json"], body: "{}", secrets: [:],
            arguments: ["--app-secret-file", sandbox.file("no-such-secret")])
        #expect(result.status == 0 && result.stdout.hasPrefix("Status: 500 Internal Server Error\r\n"), "\(result.stdout)")
        #expect(result.stderr.contains("no-such-secret"))
        #expect(try events(sandbox) == 0)
    }

    @Test func aBusyDatabaseAsksThePlatformToDeliverAgain() throws {
        let sandbox = Sandbox()
        let body = try Fixture.text("webhooks/meta_text_stop.json")
        let signature = metaSignature(Array(body.utf8), secret: "meta-secret")
        // Another connection holds the write lock for the whole request.
        let holder = try OptOutStore(path: sandbox.database)
        try holder.database.executeScript("BEGIN IMMEDIATE")
        defer { try? holder.database.executeScript("ROLLBACK") }
        var environment = Self.secrets
        environment.merge(["REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/json", "HTTP_X_HUB_SIGNATURE_256": signature,
                           "CONTENT_LENGTH": String(body.utf8.count), "OPTOUT_BUSY_TIMEOUT_MS": "200"]) { $1 }
        let result = try sandbox.exec(["ingest-message", "--cgi"], environment: environment, stdin: body)
        #expect(result.stdout.hasPrefix("Status: 503 Service Unavailable\r\n"), "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("Retry-After: 30\r\n"))
    }
}
