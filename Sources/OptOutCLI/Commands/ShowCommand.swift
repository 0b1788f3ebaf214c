import OptOutCore

/// `optout show`: a number's status in every scope and its whole history.
enum ShowCommand: Command {
    static let spec = CommandSpec(
        name: "show",
        abstract: "Show a number's status in every scope and its whole event history.",
        arguments: [ArgumentSpec(name: "number", help: "The phone number.")],
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
        let text = invocation.positionals[0]
        let number: PhoneNumber
        switch try invocation.normalizer(store: store).normalize(text) {
        case .success(let parsed): number = parsed
        case .failure(let rejection): throw OptOutError(.badInput, "'\(NumberInput.shown(text))' is not a phone number: \(ErrorText.rejection(rejection))")
        }
        let history = try store.history(of: number)
        let output = invocation.output
        if format == .json {
            output.writeLine(json(history))
            return 0
        }
        output.write("\(number.e164)\n")
        if history.scopes.isEmpty {
            output.write("  no entry and no events: active in every scope\n")
        }
        for scope in history.scopes {
            var line = "  scope \(scope.scope): \(scope.status.rawValue)"
            if let entry = scope.entry { line += " (changed \(entry.changedAt.iso8601))" }
            output.write(TerminalText.escaped(line) + "\n")
            for event in scope.events {
                var row = "    \(event.at.iso8601)  \(event.action.rawValue)  \(event.source.rawValue)"
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
            ("number", .string(history.number.e164)),
            (
                "scopes",
                .array(
                    history.scopes.map { scope in
                        .object([
                            ("scope", .string(scope.scope)),
                            ("status", .string(scope.status.rawValue)),
                            ("entry", scope.entry.map { .object(Records.fields(of: $0)) } ?? .null),
                            ("events", .array(scope.events.map { .object(Records.fields(of: $0)) })),
                        ])
                    })
            ),
        ])
    }
}
