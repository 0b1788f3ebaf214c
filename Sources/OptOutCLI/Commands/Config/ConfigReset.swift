import OptOutCore

/// `optout config reset KEY`.
enum ConfigReset: Command {
    /// The word that names the command, known without building its spec.
    static let name = "reset"

    static let spec = CommandSpec(
        name: name, abstract: "Remove a setting from the scope, so that it inherits again (recorded in config history).",
        arguments: [ConfigCommand.keyArgument])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let definition = try Settings.definition(invocation.positionals[0])
        let scope = try invocation.scope()
        let store = try invocation.openStore(.write)
        let (actor, now) = (invocation.actor(), invocation.context.now())
        let (value, source) = try store.write { transaction in
            try transaction.resetSetting(definition, scope: scope, actor: actor, at: now)
            return try transaction.settingWithSource(definition, scope: scope)
        }
        let origin = source == .defaultScope ? "  (from scope default)" : "  (default)"
        invocation.output.write(TerminalText.escaped("\(definition.key) = \(value)") + origin + "\n")
        return 0
    }
}
