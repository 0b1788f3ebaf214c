import OptOutCore

/// `optout config`: settings stored in the database.
enum ConfigCommand {
    /// The nested commands, in help order.
    static var commands: [any Command.Type] {
        [ConfigList.self, ConfigGet.self, ConfigSet.self, ConfigReset.self, ConfigAdd.self, ConfigRemove.self]
    }

    static let spec = CommandSpec(
        name: "config",
        abstract: "Show and change settings stored in the database.",
        subcommands: commands.map { $0.spec })

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

/// `optout config add KEY WORD…` and `optout config remove KEY WORD…`: edit a keyword list.
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
        let key = invocation.arguments.positionals[0]
        let store = try invocation.openStore()
        let edit = try store.editKeywords(key: key, words: Array(invocation.arguments.positionals.dropFirst()), removing: removing)
        for word in edit.unchanged {
            invocation.context.warn("'\(word)' \(removing ? "is not in" : "is already in") \(key)")
        }
        invocation.output.write("\(key) = \(edit.stored)\n")
        return 0
    }
}

/// `optout config add KEY WORD…`.
enum ConfigAdd: Command {
    static let spec = ConfigKeywordEdit.spec("add", "Add keywords to a keyword list.")
    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ConfigKeywordEdit.run(invocation, removing: false)
    }
}

/// `optout config remove KEY WORD…`.
enum ConfigRemove: Command {
    static let spec = ConfigKeywordEdit.spec("remove", "Remove keywords from a keyword list.")
    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ConfigKeywordEdit.run(invocation, removing: true)
    }
}
