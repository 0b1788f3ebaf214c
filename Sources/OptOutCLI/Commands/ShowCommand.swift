import OptOutCore

/// `optout show`: a subject's identifiers, status in every scope and whole history.
enum ShowCommand: Command {
    /// The word that names the command, known without building its spec.
    static let name = "show"

    static let spec = CommandSpec(
        name: name,
        abstract: "Show a person's identifiers, status in every scope and whole event history.",
        arguments: [ArgumentSpec(name: "id", help: "The phone number, or the WhatsApp user id (US.…).")],
        options: [format.spec] + CommonOptions.numberReading)

    /// `--format` values.
    enum Format: String, CaseIterable, Sendable {
        case text
        case json
    }

    static let format = Option<Format>.choice("format", help: "Lines for people, or one JSON object.", default: .text)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let format = try invocation.value(format)
        let store = try invocation.openStore(.read)
        let identifier = try invocation.identifier(invocation.positionals[0], store: store)
        let history = try store.history(of: identifier)
        let output = invocation.output
        if format == .json {
            output.writeLine(json(history))
            return 0
        }
        output.write(TerminalText.escaped(identifier.text) + "\n")
        if history.scopes.isEmpty {
            output.write("  no entry and no events: active in every scope\n")
        }
        for scope in history.scopes {
            var line = "  scope \(scope.scope): \(scope.status.rawValue)"
            if let entry = scope.entry { line += " (changed \(entry.changedAt.iso8601))" }
            if scope.identifiers.count > 1 {
                line += "; one person with " + scope.identifiers.map(\.text).joined(separator: ", ")
            }
            output.write(TerminalText.escaped(line) + "\n")
            for event in scope.events {
                var row = "    \(event.at.iso8601)  \(event.action.rawValue)  \(event.source.rawValue)"
                if event.identifier.matchKey != identifier.matchKey { row += "  as \(event.identifier.text)" }
                if let actor = event.actor { row += "  by \(actor)" }
                if let user = event.osUser { row += " (os user \(user))" }
                if let reason = event.reason { row += "  reason: \(reason)" }
                if let keyword = event.keyword { row += "  keyword: \(keyword)" }
                if let id = event.messageID { row += "  message: \(id)" }
                if !event.applied { row += "  (arrived after a newer change; not applied)" }
                if let claimed = event.claimedAt { row += "  (claimed \(claimed.iso8601); recorded when received)" }
                output.write(TerminalText.escaped(row) + "\n")
            }
        }
        return 0
    }

    static func json(_ history: NumberHistory) -> JSONValue {
        .object([
            ("number", .optional(history.identifier.phone?.e164)),
            ("user_id", .optional(history.identifier.userID?.text)),
            ("identifiers", .array(history.identifiers.map { .string($0.text) })),
            (
                "scopes",
                .array(
                    history.scopes.map { scope in
                        .object([
                            ("scope", .string(scope.scope)),
                            ("identifiers", .array(scope.identifiers.map { .string($0.text) })),
                            ("status", .string(scope.status.rawValue)),
                            ("entry", scope.entry.map { .object(Records.fields(of: $0)) } ?? .null),
                            ("events", .array(scope.events.map { .object(Records.fields(of: $0)) })),
                        ])
                    })
            ),
        ])
    }
}
