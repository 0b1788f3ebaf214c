import OptOutCore

/// `optout config set KEY VALUE`.
enum ConfigSet: Command {
    /// The word that names the command, known without building its spec.
    static let name = "set"

    static let spec = CommandSpec(
        name: name, abstract: "Change a setting in the scope (recorded in config history).",
        arguments: [ConfigCommand.keyArgument, ArgumentSpec(name: "value", help: "The new value.")])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let definition = try Settings.definition(invocation.positionals[0])
        let scope = try invocation.scope()
        let store = try invocation.openStore(.write)
        let (actor, now) = (invocation.actor(), invocation.context.now())
        let stored = try store.write { transaction in
            try transaction.setSetting(definition, to: invocation.positionals[1], scope: scope, actor: actor, at: now)
        }
        invocation.output.write(TerminalText.escaped("\(definition.key) = \(stored)") + "\n")
        return 0
    }
}
