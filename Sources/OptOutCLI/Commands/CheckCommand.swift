import OptOutCore

/// `optout check`: may these numbers receive a category? Exit 0 yes, 1 no.
enum CheckCommand: Command {
    /// The word that names the command, known without building its spec.
    static let name = "check"

    static let spec = CommandSpec(
        name: name,
        abstract: "Exit 0 if every number may receive the category (default marketing), 1 if any may not.",
        discussion: "Prints one line a number. An invalid number is an error (exit 65).",
        arguments: [ArgumentSpec(name: "number", help: "Phone numbers to check.", arity: .oneOrMore)],
        options: [CommonOptions.category.spec, CommonOptions.requireOptIn.spec] + CommonOptions.numberReading)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let category = try invocation.value(CommonOptions.category)
        let store = try invocation.openStore(.read)
        let inputs = NumberInputs.arguments(invocation)
        let results = try store.check(
            inputs, scope: try invocation.knownScope(in: store), category: category,
            requireOptIn: invocation.flag(CommonOptions.requireOptIn), normalizer: try invocation.normalizer(store: store))
        var invalid = false
        for result in results {
            switch result.identifier {
            case .failure(let rejection):
                invalid = true
                invocation.context.error("'\(result.input.shown)' is not a phone number: \(ErrorText.rejection(rejection))")
            case .success(let identifier):
                if let reason = result.suppression {
                    invocation.output.write("\(identifier.text)\tmay not receive \(category.rawValue): \(reason.rawValue)\n")
                } else {
                    invocation.output.write("\(identifier.text)\tmay receive \(category.rawValue) (\(result.status.rawValue))\n")
                }
            }
        }
        if invalid { return 65 }
        return results.allSatisfy(\.allowed) ? 0 : 1
    }
}
