import Testing
@testable import OptOutCore

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    @Test func hmacMatchesThePublishedVectors() {
        // HMAC-SHA256("test", key "secret"), as the issue and every HMAC tool give it.
        #expect(MessageAuthentication.hex(MessageAuthentication.hmac(.sha256, key: Array("secret".utf8), message: Array("test".utf8)))
            == "0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")
        // RFC 2202 test case 2 (HMAC-SHA1, key "Jefe").
        #expect(MessageAuthentication.hex(MessageAuthentication.hmac(
            .sha1, key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        #expect(MessageAuthentication.base64(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
    }

    @Test func metaSignatureIsTheHexHMACOfTheRawBody() {
        let body = Array(#"{"entry":[]}"#.utf8)
        let good = "sha256=" + MessageAuthentication.hex(MessageAuthentication.hmac(.sha256, key: Array("s3cret".utf8), message: body))
        #expect(WebhookSignature.isValidMeta(body: body, signature: good, appSecret: "s3cret"))
        #expect(WebhookSignature.isValidMeta(body: body, signature: good.uppercased().replacingOccurrences("SHA256=", "sha256="), appSecret: "s3cret"))
        #expect(!WebhookSignature.isValidMeta(body: body + [0x20], signature: good, appSecret: "s3cret"))
        #expect(!WebhookSignature.isValidMeta(body: body, signature: good, appSecret: "other"))
        #expect(!WebhookSignature.isValidMeta(body: body, signature: String(good.dropFirst(7)), appSecret: "s3cret"))
        #expect(!WebhookSignature.isValidMeta(body: body, signature: "sha256=", appSecret: "s3cret"))
    }

    @Test func twilioSignatureMatchesTwilioSExample() throws {
        let body = Array("CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212".utf8)
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        #expect(try WebhookSignature.isValidTwilio(body: body, signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url, authToken: "12345"))
        #expect(try !WebhookSignature.isValidTwilio(body: body, signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url + "&x=1", authToken: "12345"))
        #expect(try !WebhookSignature.isValidTwilio(body: body, signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url, authToken: "12346"))
        // The same string under HMAC-SHA256 (Twilio's Webhook Rules) is accepted too.
        let signed = Array((url + "CallSidCA1234567890ABCDECaller+12349013030Digits1234From+12349013030To+18005551212").utf8)
        let sha256 = MessageAuthentication.base64(MessageAuthentication.hmac(.sha256, key: Array("12345".utf8), message: signed))
        #expect(try WebhookSignature.isValidTwilio(body: body, signature: sha256, url: url, authToken: "12345"))
    }

    @Test func constantTimeComparisonComparesWholeValues() {
        #expect(MessageAuthentication.equalInConstantTime([1, 2, 3], [1, 2, 3]))
        #expect(!MessageAuthentication.equalInConstantTime([1, 2, 3], [1, 2, 4]))
        #expect(!MessageAuthentication.equalInConstantTime([1, 2, 3], [1, 2]))
        #expect(MessageAuthentication.equalInConstantTime([], []))
    }
}

private extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
