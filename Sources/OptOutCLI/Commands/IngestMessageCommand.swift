import OptOutCore
import OptOutPlatform

/// `optout ingest-message`: record inbound messages (STOP/START/HELP…) and print the reply to send.
enum IngestMessageCommand: Command {
    /// The word that names the command, known without building its spec.
    static let name = "ingest-message"

    static let spec = CommandSpec(
        name: name,
        abstract: "Record inbound messages and print the verdict and the reply to send back.",
        discussion: """
            Give one message with --from and --text, a Meta WhatsApp Cloud API webhook body with --whatsapp, \
            a Twilio webhook body with --twilio, or JSON Lines ({"from"|"user_id","text","id","at"} a line) with --jsonl; \
            '-' reads standard input. A webhook body is read whole and recorded in one transaction; a body \
            that is not the declared format records nothing (exit 65). JSON Lines are streamed and committed \
            every --batch-size lines; a bad line stops the replay with its line number (exit 65) after every \
            line before it was recorded. Exit 0 when the input was read, whatever the verdicts. \
            See Docs/ingest.md.
            """,
        options: [
            from.spec, text.spec, id.spec, at.spec, whatsapp.spec, twilio.spec, jsonl.spec, signature.spec, url.spec,
            appSecretFile.spec, authTokenFile.spec, cgi.spec, format.spec, explain.spec,
            batchSize.spec,
        ] + CommonOptions.numberReading)

    static let from = Option<String?>.text(
        "from", valueName: "id", help: "The sender of one message: a phone number, or a WhatsApp user id (US.…).")
    static let text = Option<String?>.text("text", valueName: "text", help: "The text of the message given with --from.")
    static let id = Option<String?>.text("id", valueName: "id", help: "The message id (a repeated id is skipped).")
    static let at = Option<Timestamp?>.time("at", help: "When the message was sent (default: now).")
    static let whatsapp = Option<String?>.text(
        "whatsapp", valueName: "file", help: "A Meta WhatsApp Cloud API webhook body ('-' for standard input).")
    static let twilio = Option<String?>.text(
        "twilio", valueName: "file", help: "A Twilio inbound webhook body, form-encoded ('-' for standard input).")
    static let jsonl = Option<String?>.text(
        "jsonl", valueName: "file", help: "JSON Lines for bulk replay ('-' for standard input).")

    /// `--format` values.
    enum Format: String, CaseIterable, Sendable {
        case text
        /// A JSON array, or JSON Lines with `--jsonl`.
        case json
    }

    static let format = Option<Format>.choice(
        "format", help: "Lines for people, or JSON (JSON Lines with --jsonl).", default: .text)
    static let explain = Flag(name: "explain", help: "Also print the normalised text and the rule that decided.")
    static let batchSize = Option<Int>.count(
        "batch-size", help: "Lines per transaction with --jsonl.", in: 1...1_000_000, default: 1000)

    static let signature = Option<String?>.text(
        "signature", valueName: "value",
        help: "The body's signature: Meta's X-Hub-Signature-256 (sha256=…) or Twilio's X-Twilio-Signature.")
    static let appSecretFile = Option<String?>.text(
        "app-secret-file", valueName: "path",
        help: "A file holding the Meta app secret that signs the bodies, one a line while rotating (else OPTOUT_META_APP_SECRET).")
    static let authTokenFile = Option<String?>.text(
        "auth-token-file", valueName: "path",
        help: "A file holding the Twilio auth token that signs the bodies, one a line while rotating (else OPTOUT_TWILIO_AUTH_TOKEN).")
    static let url = Option<String?>.text(
        "url", valueName: "url", help: "The full URL Twilio posted to (what its signature covers), with --twilio.")

    /// The environment variables holding the secrets (never an option value: `ps` would show it).
    static let appSecretVariable = "OPTOUT_META_APP_SECRET"
    static let authTokenVariable = "OPTOUT_TWILIO_AUTH_TOKEN"

    /// The inputs, exactly one of which is given.
    static let inputs = [from, whatsapp, twilio, jsonl]

    static let cgi = Flag(
        name: "cgi",
        help: "Run as a CGI/1.1 program behind a web server: Meta's GET handshake, signed Meta and Twilio POSTs (see Docs/deploy.md).")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let format = try invocation.value(format)
        let explain = invocation.flag(explain)
        if invocation.flag(cgi) {
            guard inputs.filter(invocation.isGiven).isEmpty, !invocation.isGiven(signature), !invocation.isGiven(url) else {
                throw OptOutError(.usage, "--cgi reads the request from the web server: give no other input, --signature or --url")
            }
            return try runCGI(invocation)
        }
        guard inputs.filter(invocation.isGiven).count == 1 else {
            throw OptOutError(.usage, "give exactly one of --from (with --text), --whatsapp, --twilio, --jsonl or --cgi")
        }
        let from = try invocation.value(from)
        if from != nil, !invocation.isGiven(text) {
            throw OptOutError(.usage, "--from needs --text")
        }
        for option in [text, id] where from == nil && invocation.isGiven(option) {
            throw OptOutError(.usage, "--\(option.spec.name) goes with --from")
        }
        if from == nil && invocation.isGiven(at) { throw OptOutError(.usage, "--at goes with --from") }
        let batchSize = try invocation.value(batchSize)
        let at = try invocation.value(at)

        // Read and authenticate a webhook body before opening the database, so a forged body touches
        // nothing; then its size is checked against the limits before it is parsed, its items after.
        var items: [InboundItem] = []
        var body: [UInt8]?
        let input = invocation.context.standardInput
        let whatsappPath = try invocation.value(whatsapp)
        let twilioPath = try invocation.value(twilio)
        if whatsappPath == nil && twilioPath == nil {
            for option in [signature, url, appSecretFile, authTokenFile] where invocation.isGiven(option) {
                throw OptOutError(.usage, "--\(option.spec.name) goes with --whatsapp or --twilio")
            }
        }
        if let path = whatsappPath {
            if invocation.isGiven(url) || invocation.isGiven(authTokenFile) {
                throw OptOutError(.usage, "--url and --auth-token-file go with --twilio")
            }
            let bytes = try IngestInput.readAll(path: path, standardInput: input)
            let secrets = try Self.secrets(invocation, file: appSecretFile, variable: appSecretVariable, what: "Meta app secret")
            let verdict = WebhookSignature.meta(body: bytes, signature: try invocation.value(signature), appSecrets: secrets)
            try Self.accept(verdict, invocation, secret: "Meta app secret", matched: "the Meta app secret", variable: appSecretVariable, file: appSecretFile)
            body = bytes
        } else if let path = twilioPath {
            if invocation.isGiven(appSecretFile) { throw OptOutError(.usage, "--app-secret-file goes with --whatsapp") }
            let bytes = try IngestInput.readAll(path: path, standardInput: input)
            let tokens = try Self.secrets(invocation, file: authTokenFile, variable: authTokenVariable, what: "Twilio auth token")
            let given = try invocation.value(signature)
            let postedTo = try invocation.value(url)
            if !tokens.isEmpty, given != nil, postedTo == nil {
                throw OptOutError(.usage, "--twilio with a signature needs --url, the full URL Twilio posted to")
            }
            let verdict = WebhookSignature.twilio(body: bytes, signature: given, url: postedTo ?? "", authTokens: tokens)
            try Self.accept(
                verdict, invocation, secret: "Twilio auth token", matched: "the Twilio auth token and URL", variable: authTokenVariable,
                file: authTokenFile)
            body = bytes
        }

        let store = try invocation.openStore(.write)
        if let body {
            let limits = try store.read { transaction in try transaction.webhookLimits(scope: try invocation.scope()) }
            items = try limits.items(of: body, parse: whatsappPath != nil ? WhatsAppWebhook.parse : TwilioWebhook.parse)
        }
        let normalizer = try invocation.normalizer(store: store)
        if let from {
            let id = try invocation.value(id).flatMap { $0.isEmpty ? nil : $0 }
            let content = InboundItem.Content.text(try invocation.value(text) ?? "")
            if UserID(from) != nil {
                items = [InboundItem(sender: nil, senderUserID: from, messageID: id, at: at, content: content, origin: "--from")]
            } else {
                if case .failure(let rejection) = normalizer.normalize(from) { throw ErrorText.notAnIdentifier(from, rejection) }
                items = [InboundItem(sender: from, messageID: id, at: at, content: content, origin: "--from")]
            }
        }
        let ingester = try MessageIngester(
            store: store, scope: try invocation.scope(), actor: invocation.actor(), normalizer: normalizer,
            now: invocation.context.now())
        let printer = ResultPrinter(invocation: invocation, json: format == .json, explain: explain)

        if let path = try invocation.value(jsonl) {
            printer.jsonLines = true
            let meter = ProgressMeter(invocation.context.standardError, unit: "lines")
            var size = stat()
            let total = path != "-" && stat(path, &size) == 0 && size.st_size > 0 ? Double(size.st_size) : nil
            defer { meter?.finish() }
            _ = try JSONLinesReplay.run(
                path: path, standardInput: input, ingester: ingester, batchSize: batchSize,
                progress: meter.map { meter in { lines, bytes in meter.update(lines, fraction: total.map { Double(bytes) / $0 }) } }
            ) { results in printer.print(results) }
            return 0
        }
        printer.print(try ingester.record(items))
        printer.finish()
        return 0
    }

    /// The secrets from `file`, one a line (blank lines ignored: a file may hold the old and the new
    /// secret while one is rotated), else the one in `variable`; none when neither is set. A named file
    /// that cannot be read, or holds no secret, is an error: a typo'd path must not turn the check off.
    private static func secrets(
        _ invocation: Invocation, file: Option<String?>, variable: String, what: String
    ) throws(OptOutError) -> [String] {
        if let path = try invocation.value(file) {
            let bytes = try IngestInput.readAll(path: path, standardInput: invocation.context.standardInput, maxBytes: 4096)
            let lines = bytes.split(separator: UInt8(ascii: "\n")).map { line in
                String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
            }
            let secrets = lines.filter { !$0.isEmpty }
            guard !secrets.isEmpty else { throw OptOutError(.badInput, "\(path) holds no \(what)") }
            return secrets
        }
        guard let value = invocation.context.environment[variable] else { return [] }
        guard !value.isEmpty else { throw OptOutError(.badInput, "\(variable) is set but empty: no \(what)") }
        return [value]
    }

    /// Goes on for an authentic body, or an unsigned one when no secret is configured (replays and
    /// tests); refuses everything else, recording nothing.
    private static func accept(
        _ verdict: WebhookSignature.Verdict, _ invocation: Invocation, secret: String, matched: String, variable: String,
        file: Option<String?>
    ) throws(OptOutError) {
        switch verdict {
        case .authentic: return
        case .unconfigured:
            if invocation.isGiven(signature) {
                throw OptOutError(.usage, "--signature needs the \(secret) (\(variable) or --\(file.spec.name))")
            }
        case .unsigned:
            throw OptOutError(.notPermitted, "the body has no --signature, and a \(secret) is configured: refused, nothing recorded")
        case .forged:
            throw OptOutError(.notPermitted, "the body's signature does not match \(matched): refused, nothing recorded")
        case .uncheckable(let error):
            throw OptOutError(error.kind, "\(error.message): refused, nothing recorded")
        }
    }

    // MARK: - CGI

    /// One CGI request: the variables from the environment, the body from standard input; the response
    /// on standard output, refusals in the server's error log (standard error). Exit 0 whatever the
    /// status, which the response carries: a failure before the request is answered (a secret file
    /// that cannot be read, a body over the ceiling, a database that cannot be opened) is a response too,
    /// never a program error the server would turn into its own page.
    private static func runCGI(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let response: WebhookEndpoint.Response
        let diagnostic: String?
        do {
            (response, diagnostic) = try answerCGI(invocation)
        } catch {
            (response, diagnostic) = (WebhookEndpoint.response(for: error), error.message)
        }
        if let diagnostic { invocation.context.warn("cgi \(response.status): \(diagnostic)") }
        invocation.output.write(response.cgiText)
        return 0
    }

    /// The response to the request the web server passed, and the line for its error log.
    private static func answerCGI(_ invocation: Invocation) throws(OptOutError) -> (WebhookEndpoint.Response, String?) {
        let environment = invocation.context.environment
        func secret(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let secrets = WebhookEndpoint.Secrets(
            metaAppSecrets: try Self.secrets(invocation, file: appSecretFile, variable: appSecretVariable, what: "Meta app secret"),
            metaVerifyToken: secret("OPTOUT_META_VERIFY_TOKEN"),
            twilioAuthTokens: try Self.secrets(invocation, file: authTokenFile, variable: authTokenVariable, what: "Twilio auth token"),
            twilioURL: secret("OPTOUT_TWILIO_WEBHOOK_URL"))
        var body: [UInt8] = []
        if environment["REQUEST_METHOD"] == "POST" {
            let declared = environment["CONTENT_LENGTH"].flatMap(Int.init)
            if let declared, declared > WebhookLimits.ceilingBytes {
                throw OptOutError(.badInput, .overLimit("the request declares \(declared) bytes, over the ceiling of \(WebhookLimits.ceilingBytes): refused unread"))
            }
            body = try IngestInput.readAll(path: "-", standardInput: invocation.context.standardInput)
            if let declared, declared < body.count { body.removeLast(body.count - declared) }
        }
        let request = WebhookEndpoint.Request(variables: environment, body: body)
        var opened: OptOutStore?
        func store() throws(OptOutError) -> OptOutStore {
            if let opened { return opened }
            let store = try invocation.openStore(.write)
            opened = store
            return store
        }
        let scope = try invocation.scope()
        return WebhookEndpoint.respond(to: request, secrets: secrets) { () throws(OptOutError) in
            try store().read { transaction throws(OptOutError) in try transaction.webhookLimits(scope: scope) }
        } record: { items throws(OptOutError) in
            let store = try store()
            let ingester = try MessageIngester(
                store: store, scope: scope, actor: invocation.actor(), normalizer: try invocation.normalizer(store: store),
                now: invocation.context.now())
            return try ingester.record(items)
        }
    }
}
