import OptOutCore

/// `optout normalize`: each input's identifier (E.164, or a WhatsApp user id as written) or why it is
/// rejected; needs no database.
enum NormalizeCommand: Command {
    /// `--format` values.
    enum Format: String, CaseIterable, Sendable {
        case text
        /// JSON Lines of `input`, `e164`, `user_id`, `error`.
        case json
    }

    static let format = Option<Format>.choice(
        "format", help: "Text lines, or JSON Lines of input, e164, user_id and error.", default: .text)

    /// The word that names the command, known without building its spec.
    static let name = "normalize"

    static let spec = CommandSpec(
        name: name,
        abstract: "Print each input's E.164 form (or WhatsApp user id) or why it is rejected (no database needed).",
        discussion: """
            Text output is 'input<TAB>+E164', 'input<TAB>US.…' for a WhatsApp business-scoped user id (kept exactly \
            as written), or 'input<TAB>rejected: reason'. Exit 65 if any input is rejected.
            """,
        arguments: [ArgumentSpec(name: "id", help: "Phone numbers as written anywhere, or WhatsApp user ids.", arity: .variadic)],
        options: [CommonOptions.numbersFile.spec, CommonOptions.encoding.spec] + CommonOptions.numberReading + [format.spec])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let format = try invocation.value(format)
        let normalizer = try invocation.normalizer(store: nil)
        var rejected = false
        try NumberInputs.forEach(invocation) { input throws(OptOutError) in
            let result = normalizer.identifier(input.text)
            if case .failure = result { rejected = true }
            switch (format, result) {
            case (.json, _):
                var e164 = JSONValue.null
                var userID = JSONValue.null
                var error = JSONValue.null
                switch result {
                case .success(.phone(let number)): e164 = .string(number.e164)
                case .success(.user(let user)): userID = .string(user.text)
                case .failure(let rejection): error = .string(ErrorText.rejection(rejection))
                }
                invocation.output.writeLine(JSONValue.object([
                    ("input", .string(input.text)), ("e164", e164), ("user_id", userID), ("error", error),
                ]))
            case (.text, .success(let identifier)):
                invocation.output.write("\(TerminalText.escaped(input.text))\t\(TerminalText.escaped(identifier.text))\n")
            case (.text, .failure(let rejection)):
                invocation.output.write("\(TerminalText.escaped(input.text))\trejected: \(TerminalText.escaped(ErrorText.rejection(rejection)))\n")
            }
            try invocation.output.stopIfFailed()
        }
        return rejected ? 65 : 0
    }
}
