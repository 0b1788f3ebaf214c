import OptOutCore

/// `optout config`: settings stored in the database.
enum ConfigCommand {
    static let spec = CommandSpec(
        name: "config",
        abstract: "Show and change settings stored in the database.",
        subcommands: [ConfigList.spec, ConfigGet.spec, ConfigSet.spec, ConfigReset.spec])

    static let keyArgument = ArgumentSpec(name: "key", help: "The setting's name (see 'optout config list').")
}

/// `optout config list`.
enum ConfigList: Command {
    static let spec = CommandSpec(name: "list", abstract: "List every setting with its value.")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(readOnlyAllowed: true)
        for definition in Settings.all {
            let stored = try store.storedSetting(definition.key)
            let value = stored ?? definition.defaultValue
            invocation.output.write("\(definition.key) = \(value)\(stored == nil ? "  (default)" : "")\n")
        }
        return 0
    }
}

/// `optout config get KEY`.
enum ConfigGet: Command {
    static let spec = CommandSpec(name: "get", abstract: "Print one setting's value.", arguments: [ConfigCommand.keyArgument])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let definition = try Settings.definition(invocation.arguments.positionals[0])
        let store = try invocation.openStore(readOnlyAllowed: true)
        invocation.output.write(try store.setting(definition) + "\n")
        return 0
    }
}

/// `optout config set KEY VALUE`.
enum ConfigSet: Command {
    static let spec = CommandSpec(
        name: "set", abstract: "Change a setting.",
        arguments: [ConfigCommand.keyArgument, ArgumentSpec(name: "value", help: "The new value.")])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let definition = try Settings.definition(invocation.arguments.positionals[0])
        let store = try invocation.openStore()
        let stored = try store.setSetting(definition, to: invocation.arguments.positionals[1])
        invocation.output.write("\(definition.key) = \(stored)\n")
        return 0
    }
}

/// `optout config reset KEY`.
enum ConfigReset: Command {
    static let spec = CommandSpec(
        name: "reset", abstract: "Return a setting to its default.", arguments: [ConfigCommand.keyArgument])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let definition = try Settings.definition(invocation.arguments.positionals[0])
        let store = try invocation.openStore()
        try store.resetSetting(definition)
        invocation.output.write("\(definition.key) = \(definition.defaultValue)  (default)\n")
        return 0
    }
}
