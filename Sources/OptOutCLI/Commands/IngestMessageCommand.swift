import OptOutCore

/// `optout ingest-message`: record inbound messages (STOP/START/HELP…) and print the reply to send.
enum IngestMessageCommand: Command {
    static let spec = CommandSpec(
        name: "ingest-message",
        abstract: "Record inbound messages and print the verdict and the reply to send back.",
        discussion: """
            Give one message with --from and --text, a Meta WhatsApp Cloud API webhook body with --whatsapp, \
            a Twilio webhook body with --twilio, or JSON Lines ({"from","text","id","at"} a line) with --jsonl; \
            '-' reads standard input. A webhook body is read whole and recorded in one transaction; a body \
            that is not the declared format records nothing (exit 65). JSON Lines are streamed and committed \
            every --batch-size lines; a bad line stops the replay with its line number (exit 65) after every \
            line before it was recorded. Exit 0 when the input was read, whatever the verdicts. \
            See Docs/ingest.md.
            """,
        options: [
            OptionSpec(name: "from", valueName: "number", help: "The sender of one message."),
            OptionSpec(name: "text", valueName: "text", help: "The text of the message given with --from."),
            OptionSpec(name: "id", valueName: "id", help: "The message id (a repeated id is skipped)."),
            OptionSpec(name: "at", valueName: "time", help: "When the message was sent (default: now)."),
            OptionSpec(name: "whatsapp", valueName: "file", help: "A Meta WhatsApp Cloud API webhook body ('-' for standard input)."),
            OptionSpec(name: "twilio", valueName: "file", help: "A Twilio inbound webhook body, form-encoded ('-' for standard input)."),
            OptionSpec(name: "jsonl", valueName: "file", help: "JSON Lines for bulk replay ('-' for standard input)."),
            OptionSpec(name: "format", valueName: "format", help: "text (default) or json (JSON Lines with --jsonl)."),
            OptionSpec(name: "explain", help: "Also print the normalised text and the rule that decided."),
            OptionSpec(name: "batch-size", valueName: "n", help: "Lines per transaction with --jsonl (default 1000)."),
            .defaultCountry, .whatsAppIDs,
        ])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let format = try invocation.choice("format", ["text", "json"], default: "text")
        let explain = invocation.flag("explain")
        let sources = ["from", "whatsapp", "twilio", "jsonl"].filter { invocation.arguments.value($0) != nil }
        guard sources.count == 1 else {
            throw OptOutError(.usage, "give exactly one of --from (with --text), --whatsapp, --twilio or --jsonl")
        }
        let single = sources[0] == "from"
        if single, invocation.arguments.value("text") == nil {
            throw OptOutError(.usage, "--from needs --text")
        }
        for option in ["text", "id", "at"] where !single && invocation.arguments.value(option) != nil {
            throw OptOutError(.usage, "--\(option) goes with --from")
        }
        let batchSize = try invocation.count("batch-size") ?? 1000
        guard batchSize >= 1 else { throw OptOutError(.usage, "--batch-size must be at least 1") }
        let at = try invocation.time("at")

        // Read and check the input before opening the database, so a bad body touches nothing.
        var items: [InboundItem] = []
        let input = invocation.context.standardInput
        if let path = invocation.arguments.value("whatsapp") {
            items = try WhatsAppWebhook.parse(IngestInput.readAll(path: path, standardInput: input))
        } else if let path = invocation.arguments.value("twilio") {
            items = try TwilioWebhook.parse(IngestInput.readAll(path: path, standardInput: input))
        }

        let store = try invocation.openStore()
        let normalizer = try invocation.normalizer(store: store)
        if single, let from = invocation.arguments.value("from") {
            if case .failure(let rejection) = normalizer.normalize(from) {
                throw OptOutError(.badInput, "'\(NumberInput.shown(from))' is not a phone number: \(rejection)")
            }
            let id = invocation.arguments.value("id").flatMap { $0.isEmpty ? nil : $0 }
            items = [InboundItem(
                sender: from, messageID: id, at: at, content: .text(invocation.arguments.value("text") ?? ""),
                origin: "--from")]
        }
        let ingester = try MessageIngester(
            store: store, scope: try invocation.scope(), actor: invocation.actor(), normalizer: normalizer,
            now: invocation.context.now())
        let printer = ResultPrinter(invocation: invocation, json: format == "json", explain: explain)

        if let path = invocation.arguments.value("jsonl") {
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

// MARK: - Output

/// Writes ingest results: one line per item for people, a JSON array, or JSON Lines.
final class ResultPrinter {
    let invocation: Invocation
    let json: Bool
    let explain: Bool
    var jsonLines = false
    private var collected: [JSONValue] = []

    init(invocation: Invocation, json: Bool, explain: Bool) {
        self.invocation = invocation
        self.json = json
        self.explain = explain
    }

    func print(_ results: [IngestResult]) {
        let output = invocation.output
        for result in results {
            if let problem = result.problem {
                let id = result.messageID.map { " (id \($0))" } ?? ""
                invocation.context.warn("\(result.origin)\(id): \(problem)")
            }
            if json {
                if jsonLines {
                    output.writeLine(result.json(explain: explain))
                } else {
                    collected.append(result.json(explain: explain))
                }
                continue
            }
            var line = result.number?.e164 ?? "(no number)"
            line += "  \(result.verdict.rawValue)"
            line += "  " + (result.keyword.map { "\"\($0)\"" } ?? "-")
            line += "  \(result.action.rawValue)"
            if let status = result.statusAfter { line += "  status: \(status.rawValue)" }
            if let reply = result.reply { line += "  reply: \(reply)" }
            output.write(line + "\n")
            if explain {
                output.write("  input: \(result.origin)\(result.messageID.map { " id \($0)" } ?? "")\n")
                output.write("  normalised: \(JSONValue.quoted(result.normalizedText))\n")
                output.write("  rule: \(result.rule)\n")
            }
        }
    }

    /// Writes the JSON array, when collecting one.
    func finish() {
        if json && !jsonLines { invocation.output.writeLine(JSONValue.array(collected)) }
    }
}
