import OptOutCore

/// `optout normalize`: each input's E.164 form or why it is rejected; needs no database.
enum NormalizeCommand: Command {
    /// `--format` values.
    enum Format: String, CaseIterable, Sendable {
        case text
        /// JSON Lines of `input`, `e164`, `error`.
        case json
    }

    static let format = Option<Format>.choice(
        "format", help: "Text lines, or JSON Lines of input, e164 and error.", default: .text)

    static let spec = CommandSpec(
        name: "normalize",
        abstract: "Print each input's E.164 form or why it is rejected (no database needed).",
        discussion: "Text output is 'input<TAB>+E164' or 'input<TAB>rejected: reason'. Exit 65 if any input is rejected.",
        arguments: [ArgumentSpec(name: "number", help: "Phone numbers as written anywhere.", arity: .variadic)],
        options: [CommonOptions.numbersFile.spec] + CommonOptions.numberReading + [format.spec])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let format = try invocation.value(format)
        let normalizer = try invocation.normalizer(store: nil)
        let inputs = try NumberInputs.read(invocation)
        if inputs.isEmpty { throw OptOutError(.usage, "give at least one <number> or --file") }
        var rejected = false
        for input in inputs {
            let result = normalizer.normalize(input.text)
            if case .failure = result { rejected = true }
            switch (format, result) {
            case (.json, _):
                let e164: JSONValue
                let error: JSONValue
                switch result {
                case .success(let number): (e164, error) = (.string(number.e164), .null)
                case .failure(let rejection): (e164, error) = (.null, .string(ErrorText.rejection(rejection)))
                }
                invocation.output.writeLine(JSONValue.object([("input", .string(input.text)), ("e164", e164), ("error", error)]))
            case (.text, .success(let number)):
                invocation.output.write("\(TerminalText.escaped(input.text))\t\(number.e164)\n")
            case (.text, .failure(let rejection)):
                invocation.output.write("\(TerminalText.escaped(input.text))\trejected: \(TerminalText.escaped(ErrorText.rejection(rejection)))\n")
            }
            try invocation.output.stopIfFailed()
        }
        return rejected ? 65 : 0
    }
}
