import Testing
@testable import OptOutCore

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    @Test func hmacMatchesThePublishedVectors() throws {
        // HMAC-SHA256("test", key "secret"), as the issue and every HMAC tool give it.
        #expect(try MessageAuthentication.hex(MessageAuthentication.hmac(.sha256, key: Array("secret".utf8), message: Array("test".utf8)))
            == "0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")
        // RFC 2202 test case 2 (HMAC-SHA1, key "Jefe").
        #expect(try MessageAuthentication.hex(MessageAuthentication.hmac(
            .sha1, key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        #expect(try MessageAuthentication.base64(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
    }

    @Test func metaSignatureIsTheHexHMACOfTheRawBody() throws {
        let body = Array(#"{"entry":[]}"#.utf8)
        let good = try "sha256=" + MessageAuthentication.hex(MessageAuthentication.hmac(.sha256, key: Array("s3cret".utf8), message: body))
        #expect(try WebhookSignature.isValidMeta(body: body, signature: good, appSecret: "s3cret"))
        #expect(try WebhookSignature.isValidMeta(body: body, signature: good.uppercased().replacingOccurrences("SHA256=", "sha256="), appSecret: "s3cret"))
        #expect(try !WebhookSignature.isValidMeta(body: body + [0x20], signature: good, appSecret: "s3cret"))
        #expect(try !WebhookSignature.isValidMeta(body: body, signature: good, appSecret: "other"))
        #expect(try !WebhookSignature.isValidMeta(body: body, signature: String(good.dropFirst(7)), appSecret: "s3cret"))
        #expect(try !WebhookSignature.isValidMeta(body: body, signature: "sha256=", appSecret: "s3cret"))
    }

    @Test func twilioSignatureMatchesTwilioSExample() throws {
        let body = Array("CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212".utf8)
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        #expect(try WebhookSignature.isValidTwilio(body: body, signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url, authToken: "12345"))
        #expect(try !WebhookSignature.isValidTwilio(body: body, signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url + "&x=1", authToken: "12345"))
        #expect(try !WebhookSignature.isValidTwilio(body: body, signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url, authToken: "12346"))
        // The same string under HMAC-SHA256 (Twilio's Webhook Rules) is accepted too.
        let signed = Array((url + "CallSidCA1234567890ABCDECaller+12349013030Digits1234From+12349013030To+18005551212").utf8)
        let sha256 = try MessageAuthentication.base64(MessageAuthentication.hmac(.sha256, key: Array("12345".utf8), message: signed))
        #expect(try WebhookSignature.isValidTwilio(body: body, signature: sha256, url: url, authToken: "12345"))
    }

    @Test func constantTimeComparisonComparesWholeValues() throws {
        #expect(try MessageAuthentication.equalInConstantTime([1, 2, 3], [1, 2, 3]))
        #expect(try !MessageAuthentication.equalInConstantTime([1, 2, 3], [1, 2, 4]))
        #expect(try !MessageAuthentication.equalInConstantTime([1, 2, 3], [1, 2]))
        #expect(try MessageAuthentication.equalInConstantTime([], []))
    }

    /// A library that is missing, or is not libcrypto, is an error that says so: never a signature
    /// taken as checked.
    @Test func aLibraryThatDoesNotLoadIsReportedNotTrusted() {
        guard case .failure(let missing) = LibCrypto.load(names: ["libcrypto-absent.so.9"]) else {
            Issue.record("an absent library loaded")
            return
        }
        #expect(missing.kind == .internal)
        #expect(missing.message.hasPrefix("cannot load OpenSSL's libcrypto to check signatures (install libssl3): "), "\(missing.message)")
        #expect(missing.message.contains("libcrypto-absent.so.9"), "\(missing.message)")
        guard case .failure(let other) = LibCrypto.load(names: ["libsqlite3.so.0"]) else {
            Issue.record("libsqlite3 taken for libcrypto")
            return
        }
        #expect(other.message.hasSuffix("libsqlite3.so.0: not OpenSSL's libcrypto (an entry point is missing)"), "\(other.message)")
        #expect(throws: Never.self) { try LibCrypto.loaded() }
    }
}

private extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
