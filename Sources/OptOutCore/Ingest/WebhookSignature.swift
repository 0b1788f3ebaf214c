/// Checks that a webhook body was signed by the platform with the business's secret, on the raw bytes
/// before anything is parsed, comparing in constant time (contract §4). A body that fails is refused
/// whole: nothing in it is recorded.
public enum WebhookSignature {
    /// What a body's signature says, given the secrets configured.
    public enum Verdict: Sendable, Equatable {
        /// No secret is configured: nothing can be checked.
        case unconfigured
        /// A secret is configured and the body carries no signature.
        case unsigned
        /// The signature matches none of the configured secrets.
        case forged
        /// The signature matches one of them.
        case authentic
        /// A secret is configured and the body is signed, but nothing can check it: libcrypto does not
        /// load. Refused like a forged body, with this reason.
        case uncheckable(OptOutError)
    }

    /// `nil` when signatures can be checked, else the verdict that says why not. Asked once the body
    /// is known to be signed, so that the checks below may treat a throw as a mismatch: after the
    /// library has loaded, nothing else in them can fail but the body's own form.
    private static func uncheckable() -> Verdict? {
        do {
            _ = try LibCrypto.loaded()
            return nil
        } catch {
            return .uncheckable(error)
        }
    }

    /// A Meta body against every configured app secret (several while one is being rotated).
    public static func meta(body: [UInt8], signature: String?, appSecrets: [String]) -> Verdict {
        guard !appSecrets.isEmpty else { return .unconfigured }
        guard let signature, !signature.isEmpty else { return .unsigned }
        if let verdict = uncheckable() { return verdict }
        // Every secret is tried, so the time does not say which one matched.
        let matches = appSecrets.map { (try? isValidMeta(body: body, signature: signature, appSecret: $0)) ?? false }
        return matches.contains(true) ? .authentic : .forged
    }

    /// A Twilio body posted to `url` against every configured auth token (several while one is being
    /// rotated). A body that is not form-encoded is `forged`: its signature cannot be what Twilio made.
    public static func twilio(body: [UInt8], signature: String?, url: String, authTokens: [String]) -> Verdict {
        guard !authTokens.isEmpty else { return .unconfigured }
        guard let signature, !signature.isEmpty else { return .unsigned }
        if let verdict = uncheckable() { return verdict }
        let matches = authTokens.map { (try? isValidTwilio(body: body, signature: signature, url: url, authToken: $0)) ?? false }
        return matches.contains(true) ? .authentic : .forged
    }

    /// Meta: `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body keyed by the app
    /// secret (https://developers.facebook.com/docs/graph-api/webhooks/getting-started).
    public static func isValidMeta(body: [UInt8], signature: String, appSecret: String) throws(OptOutError) -> Bool {
        let given = Array(signature.utf8)
        let prefix = Array("sha256=".utf8)
        guard given.count == prefix.count + 64, given.starts(with: prefix) else { return false }
        let expected = Array(MessageAuthentication.hex(
            try MessageAuthentication.hmac(.sha256, key: Array(appSecret.utf8), message: body)).utf8)
        let hex = given.dropFirst(prefix.count).map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") ? $0 | 0x20 : $0 }
        return try MessageAuthentication.equalInConstantTime(Array(hex), expected)
    }

    /// Twilio: `X-Twilio-Signature`, the base64 HMAC keyed by the auth token over the full URL followed
    /// by each POST parameter's name and value, sorted by name (byte order): HMAC-SHA1, or HMAC-SHA256
    /// under Twilio's Webhook Rules; either is accepted
    /// (https://www.twilio.com/docs/usage/security#validating-requests).
    public static func isValidTwilio(body: [UInt8], signature: String, url: String, authToken: String)
        throws(OptOutError) -> Bool
    {
        let parameters = try FormDecoding.decode(body).sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        var signed = Array(url.utf8)
        for (name, value) in parameters {
            signed += Array(name.utf8)
            signed += Array(value.utf8)
        }
        let given = Array(signature.utf8)
        let key = Array(authToken.utf8)
        var valid = false
        for digest in [MessageAuthentication.Digest.sha1, .sha256] {
            let expected = Array(try MessageAuthentication.base64(MessageAuthentication.hmac(digest, key: key, message: signed)).utf8)
            // Both are computed and compared, so the time does not say which one matched.
            if try MessageAuthentication.equalInConstantTime(given, expected) { valid = true }
        }
        return valid
    }
}
