import OptOutCore

/// `optout config`: settings stored in the database.
enum ConfigCommand: CommandGroup {
    /// The nested commands, in help order.
    static var commands: [any Command.Type] {
        [ConfigList.self, ConfigGet.self, ConfigSet.self, ConfigReset.self, ConfigAdd.self, ConfigRemove.self, ConfigHistory.self]
    }

    /// The word that names the command, known without building its spec.
    static let name = "config"

    static let spec = CommandSpec(
        name: name,
        abstract: "Show and change the settings of a scope, audited.",
        nested: commands.map { $0.subcommand })

    static let keyArgument = ArgumentSpec(name: "key", help: "The setting's name (see 'optout config list').")
}
