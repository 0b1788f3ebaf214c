import OptOutCore

/// `optout config set KEY VALUE`.
enum ConfigSet: Command {
    static let spec = CommandSpec(
        name: "set", abstract: "Change a setting.",
        arguments: [ConfigCommand.keyArgument, ArgumentSpec(name: "value", help: "The new value.")])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let definition = try Settings.definition(invocation.positionals[0])
        let store = try invocation.openStore()
        let stored = try store.write { transaction in
            try transaction.setSetting(definition, to: invocation.positionals[1])
        }
        invocation.output.write("\(definition.key) = \(stored)\n")
        return 0
    }
}
