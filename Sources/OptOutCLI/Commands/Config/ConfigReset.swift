import OptOutCore

/// `optout config reset KEY`.
enum ConfigReset: Command {
    static let spec = CommandSpec(
        name: "reset", abstract: "Return a setting to its default.", arguments: [ConfigCommand.keyArgument])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let definition = try Settings.definition(invocation.positionals[0])
        let store = try invocation.openStore()
        try store.write { transaction in try transaction.resetSetting(definition) }
        invocation.output.write("\(definition.key) = \(definition.defaultValue)  (default)\n")
        return 0
    }
}
