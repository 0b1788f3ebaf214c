/// `ingest-message --cgi`: optout as a CGI/1.1 program (RFC 3875) behind any web server (contract §4).
///
/// - GET with `hub.mode=subscribe`: Meta's verification handshake; answers `hub.challenge` when
///   `hub.verify_token` equals the configured verify token, else 403.
/// - POST `application/json`: a Meta body, checked with `X-Hub-Signature-256`.
/// - POST `application/x-www-form-urlencoded`: a Twilio body, checked with `X-Twilio-Signature` against
///   the configured URL, else the URL rebuilt from the CGI variables; answered with TwiML.
/// Statuses: 200; 400 a body that is not the declared format; 403 a bad or missing signature; 405 another
/// method; 413 over the limits; 500 no secret configured (nothing recorded); 503 with `Retry-After` when
/// the database stays busy (the platform delivers again; the message-id dedupe makes that safe).
/// Diagnostics are returned apart from the response, for the server's error log.
public enum WebhookEndpoint {
    /// What the web server passed: the CGI meta-variables (RFC 3875 §4.1) and the body.
    public struct Request: Sendable {
        public var variables: [String: String]
        public var body: [UInt8]

        public init(variables: [String: String], body: [UInt8]) {
            self.variables = variables
            self.body = body
        }

        var method: String { variables["REQUEST_METHOD"] ?? "" }
        var contentType: String {
            (variables["CONTENT_TYPE"] ?? "").split(separator: ";").first.map { String($0).lowercased() } ?? ""
        }
    }

    /// The secrets, from the environment or secret files. Several app secrets or auth tokens are all
    /// accepted (while one is being rotated); none means that kind of body is not configured.
    public struct Secrets: Sendable {
        public var metaAppSecrets: [String]
        public var metaVerifyToken: String?
        public var twilioAuthTokens: [String]
        /// The URL Twilio posts to, when the rebuilt one would differ (a proxy in front).
        public var twilioURL: String?

        public init(metaAppSecrets: [String], metaVerifyToken: String?, twilioAuthTokens: [String], twilioURL: String?) {
            self.metaAppSecrets = metaAppSecrets
            self.metaVerifyToken = metaVerifyToken
            self.twilioAuthTokens = twilioAuthTokens
            self.twilioURL = twilioURL
        }
    }

    /// The response the program writes.
    public struct Response: Sendable {
        public var status: Int
        public var contentType = "text/plain; charset=utf-8"
        public var extraHeaders: [(String, String)] = []
        public var body = ""

        /// The CGI output: a `Status` header, the other headers, a blank line, the body.
        public var cgiText: String {
            var text = "Status: \(status) \(Self.reason(status))\r\nContent-Type: \(contentType)\r\n"
            for (name, value) in extraHeaders { text += "\(name): \(value)\r\n" }
            return text + "\r\n" + body
        }

        static func reason(_ status: Int) -> String {
            switch status {
            case 200: "OK"
            case 400: "Bad Request"
            case 403: "Forbidden"
            case 405: "Method Not Allowed"
            case 413: "Content Too Large"
            case 500: "Internal Server Error"
            case 503: "Service Unavailable"
            default: "Error"
            }
        }
    }

    /// Answers `request`. `limits` gives the limits once the body is authentic (its size is checked
    /// before it is parsed, its item count after); `record` stores the parsed items and returns their
    /// results, called only for an authentic body within the limits that parsed. Returns the response
    /// and a line for the error log when something was refused.
    public static func respond(
        to request: Request, secrets: Secrets, limits: () throws(OptOutError) -> WebhookLimits,
        record: ([InboundItem]) throws(OptOutError) -> [IngestResult]
    ) -> (response: Response, diagnostic: String?) {
        switch request.method {
        case "GET": return (handshake(request, secrets), nil)
        case "POST": break
        default: return (Response(status: 405, body: "GET or POST\n"), "method \(request.method) refused")
        }
        let isTwilio: Bool
        switch request.contentType {
        case "application/json": isTwilio = false
        case "application/x-www-form-urlencoded": isTwilio = true
        default: return (Response(status: 400, body: "unsupported content type\n"), "content type '\(request.contentType)' refused")
        }
        // Authenticate before parsing anything.
        let verdict: WebhookSignature.Verdict
        let url = secrets.twilioURL ?? rebuiltURL(request.variables)
        if isTwilio {
            verdict = WebhookSignature.twilio(
                body: request.body, signature: request.variables["HTTP_X_TWILIO_SIGNATURE"], url: url, authTokens: secrets.twilioAuthTokens)
        } else {
            verdict = WebhookSignature.meta(
                body: request.body, signature: request.variables["HTTP_X_HUB_SIGNATURE_256"], appSecrets: secrets.metaAppSecrets)
        }
        switch verdict {
        case .authentic: break
        case .unconfigured:
            return (Response(status: 500, body: "not configured\n"), isTwilio
                ? "OPTOUT_TWILIO_AUTH_TOKEN is not set: Twilio body refused, nothing recorded"
                : "OPTOUT_META_APP_SECRET is not set: Meta body refused, nothing recorded")
        case .uncheckable(let error):
            return (Response(status: 500, body: "internal error\n"), "\(error.message): refused, nothing recorded")
        case .unsigned, .forged:
            return (Response(status: 403, body: "forbidden\n"), isTwilio
                ? "Twilio signature missing or wrong for \(url): refused"
                : "Meta signature missing or wrong: refused")
        }
        do {
            let items = try limits().items(of: request.body, parse: isTwilio ? TwilioWebhook.parse : WhatsAppWebhook.parse)
            let results = try record(items)
            if isTwilio {
                let replies = results.compactMap(\.reply)
                let twiml = replies.isEmpty
                    ? "<Response/>"
                    : "<Response>" + replies.map { "<Message>\(xmlEscaped($0))</Message>" }.joined() + "</Response>"
                return (Response(status: 200, contentType: "application/xml", body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + twiml), nil)
            }
            return (Response(status: 200, body: "ok\n"), nil)
        } catch {
            return (response(for: error), error.message)
        }
    }

    /// The response for a request refused or failed by `error`: 413 over the limits, 400 a body that is
    /// not the declared format, 503 with `Retry-After` when the database stays busy, else 500.
    public static func response(for error: OptOutError) -> Response {
        switch (error.kind, error.reason) {
        case (_, .overLimit): Response(status: 413, body: "too large\n")
        case (.badInput, _): Response(status: 400, body: "bad request\n")
        case (.busy, _): Response(status: 503, extraHeaders: [("Retry-After", "30")], body: "busy, try again\n")
        default: Response(status: 500, body: "internal error\n")
        }
    }

    private static func handshake(_ request: Request, _ secrets: Secrets) -> Response {
        var query: [String: String] = [:]
        for (name, value) in (try? FormDecoding.decode(Array((request.variables["QUERY_STRING"] ?? "").utf8))) ?? [] {
            query[name] = value
        }
        guard query["hub.mode"] == "subscribe", let expected = secrets.metaVerifyToken, let given = query["hub.verify_token"],
              (try? MessageAuthentication.equalInConstantTime(Array(given.utf8), Array(expected.utf8))) == true,
              let challenge = query["hub.challenge"] else {
            return Response(status: 403, body: "forbidden\n")
        }
        return Response(status: 200, body: challenge)
    }

    /// The request's URL as the client saw it: scheme, `Host`, and the path with its query.
    static func rebuiltURL(_ variables: [String: String]) -> String {
        let https = (variables["HTTPS"] ?? "").lowercased()
        let scheme = https == "on" || https == "1" ? "https" : (variables["REQUEST_SCHEME"] ?? "http")
        let host = variables["HTTP_HOST"] ?? variables["SERVER_NAME"] ?? "localhost"
        var path = variables["REQUEST_URI"] ?? (variables["SCRIPT_NAME"] ?? "") + (variables["PATH_INFO"] ?? "")
        if variables["REQUEST_URI"] == nil, let query = variables["QUERY_STRING"], !query.isEmpty { path += "?" + query }
        return "\(scheme)://\(host)\(path)"
    }

    static func xmlEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
