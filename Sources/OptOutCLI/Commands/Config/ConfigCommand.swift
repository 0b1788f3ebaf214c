import OptOutCore

/// `optout config`: settings stored in the database.
enum ConfigCommand {
    /// The nested commands, in help order.
    static var commands: [any Command.Type] {
        [ConfigList.self, ConfigGet.self, ConfigSet.self, ConfigReset.self, ConfigAdd.self, ConfigRemove.self, ConfigHistory.self]
    }

    static let spec = CommandSpec(
        name: "config",
        abstract: "Show and change the settings of a scope, audited.",
        subcommands: commands.map { $0.spec })

    static let keyArgument = ArgumentSpec(name: "key", help: "The setting's name (see 'optout config list').")
}
