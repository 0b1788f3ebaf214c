import OptOutCore

/// `optout config get KEY`.
enum ConfigGet: Command {
    /// The word that names the command, known without building its spec.
    static let name = "get"

    static let spec = CommandSpec(name: name, abstract: "Print one setting's value in the scope.", arguments: [ConfigCommand.keyArgument])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let definition = try Settings.definition(invocation.positionals[0])
        let store = try invocation.openStore(.read)
        let scope = try invocation.knownScope(in: store)
        let value = try store.read { transaction in try transaction.setting(definition, scope: scope) }
        invocation.output.write(TerminalText.escaped(value) + "\n")
        return 0
    }
}
