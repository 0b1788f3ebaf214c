import OptOutCore

/// `optout ingest-message`: record inbound messages (STOP/START/HELP…) and print the reply to send.
enum IngestMessageCommand: Command {
    static let spec = CommandSpec(
        name: "ingest-message",
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
            from.spec, text.spec, id.spec, at.spec, whatsapp.spec, twilio.spec, jsonl.spec, format.spec, explain.spec,
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

    /// The inputs, exactly one of which is given.
    static let inputs = [from, whatsapp, twilio, jsonl]

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let format = try invocation.value(format)
        let explain = invocation.flag(explain)
        guard inputs.filter(invocation.isGiven).count == 1 else {
            throw OptOutError(.usage, "give exactly one of --from (with --text), --whatsapp, --twilio or --jsonl")
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

        // Read and check the input before opening the database, so a bad body touches nothing.
        var items: [InboundItem] = []
        let input = invocation.context.standardInput
        if let path = try invocation.value(whatsapp) {
            items = try WhatsAppWebhook.parse(IngestInput.readAll(path: path, standardInput: input))
        } else if let path = try invocation.value(twilio) {
            items = try TwilioWebhook.parse(IngestInput.readAll(path: path, standardInput: input))
        }

        let store = try invocation.openStore(.write)
        let normalizer = try invocation.normalizer(store: store)
        if let from {
            let id = try invocation.value(id).flatMap { $0.isEmpty ? nil : $0 }
            let content = InboundItem.Content.text(try invocation.value(text) ?? "")
            if UserID(from) != nil {
                items = [InboundItem(sender: nil, senderUserID: from, messageID: id, at: at, content: content, origin: "--from")]
            } else {
                if case .failure(let rejection) = normalizer.normalize(from) {
                    throw OptOutError(
                        .badInput,
                        "'\(NumberInput.shown(from))' is neither a phone number nor a WhatsApp user id: \(ErrorText.rejection(rejection))")
                }
                items = [InboundItem(sender: from, messageID: id, at: at, content: content, origin: "--from")]
            }
        }
        let ingester = try MessageIngester(
            store: store, scope: try invocation.scope(), actor: invocation.actor(), normalizer: normalizer,
            now: invocation.context.now())
        let printer = ResultPrinter(invocation: invocation, json: format == .json, explain: explain)

        if let path = try invocation.value(jsonl) {
            printer.jsonLines = true
            _ = try JSONLinesReplay.run(
                path: path, standardInput: input, ingester: ingester, batchSize: batchSize
            ) { results in printer.print(results) }
            return 0
        }
        printer.print(try ingester.record(items))
        printer.finish()
        return 0
    }
}
