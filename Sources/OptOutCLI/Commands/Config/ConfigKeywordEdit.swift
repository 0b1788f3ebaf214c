import OptOutCore

/// What `config add` and `config remove` share: edit a keyword list.
enum ConfigKeywordEdit {
    static func spec(_ name: String, _ abstract: String) -> CommandSpec {
        CommandSpec(
            name: name, abstract: abstract,
            arguments: [
                ArgumentSpec(name: "key", help: "keywords.opt-out, keywords.opt-in or keywords.help."),
                ArgumentSpec(name: "word", help: "Keywords (a phrase in quotes is one keyword).", arity: .oneOrMore),
            ])
    }

    static func run(_ invocation: Invocation, removing: Bool) throws(OptOutError) -> Int32 {
        let key = invocation.positionals[0]
        let scope = try invocation.scope()
        let store = try invocation.openStore(.write)
        let edit = try store.editKeywords(
            key: key, words: Array(invocation.positionals.dropFirst()), removing: removing, scope: scope,
            actor: invocation.actor(), at: invocation.context.now())
        for word in edit.unchanged {
            invocation.context.warn("'\(word)' \(removing ? "is not in" : "is already in") \(key)")
        }
        invocation.output.write(TerminalText.escaped("\(key) = \(edit.stored)") + "\n")
        return 0
    }
}
