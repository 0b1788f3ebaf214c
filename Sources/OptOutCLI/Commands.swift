import OptOutCore

/// Every command, in the order help lists them.
enum Commands {
    /// The top-level commands that run (`config` groups nested ones: `ConfigCommand.commands`).
    static var all: [any Command.Type] {
        [
            BlockCommand.self, UnblockCommand.self, OptInCommand.self, ListCommand.self, ShowCommand.self, CheckCommand.self,
            FilterCampaignCommand.self, IngestMessageCommand.self, ExportCommand.self, NormalizeCommand.self,
            ScopesCommand.self, VerifyCommand.self, BackupCommand.self, ForgetCommand.self, RedactCommand.self,
            CompletionsCommand.self, ManualCommand.self,
        ]
    }

    /// The commands that group nested ones, in the order help lists them after `all`.
    static var commandGroups: [any CommandGroup.Type] {
        [ReviewCommand.self, OutboxCommand.self, CursorCommand.self, ConfigCommand.self]
    }

    /// The root spec: `optout` and its subcommands.
    static let root = CommandSpec(
        name: "optout",
        abstract: "Opt-out list manager for WhatsApp business messaging.",
        discussion: """
            Blocks and looks up numbers, cleans campaign CSVs, records STOP/START/HELP from webhooks and exports \
            the list, from one SQLite database.
            """,
        nested: all.map { $0.subcommand } + commandGroups.map { $0.subcommand },
        subcommandGroups: groups,
        commonOptions: false)

    /// The root help's headings: the commands by who uses them (a test holds that every command is in one).
    static let groups: [(heading: String, names: [String])] = [
        ("Support staff", ["block", "unblock", "opt-in", "check", "show", "list", "review", "normalize"]),
        ("Campaigns", ["filter-campaign"]),
        ("Webhooks", ["ingest-message", "outbox"]),
        ("Feeds", ["export", "cursor"]),
        ("Maintenance", ["verify", "backup", "forget", "redact", "config", "scopes", "completions", "manual"]),
    ]

    /// Every command that runs, by path (`block`, `cursor rewind`): the top-level ones and the groups'
    /// subcommands, for the completion scripts and the man page.
    static var runnable: [(path: [String], spec: CommandSpec)] {
        root.subcommands.flatMap { command -> [(path: [String], spec: CommandSpec)] in
            if command.subcommands.isEmpty { return [([command.name], command)] }
            return command.subcommands.map { ([command.name, $0.name], $0) }
        }
    }

    /// The command type for a parsed path.
    static func command(for path: [String]) -> (any Command.Type)? {
        for group in commandGroups where path.first == group.name {
            return group.commands.first { [$0.name] == Array(path.dropFirst()) }
        }
        return all.first { [$0.name] == path }
    }

    /// The spec at a command path.
    static func spec(at path: [String]) -> CommandSpec {
        var spec = root
        for word in path {
            guard let next = spec.subcommand(named: word) else { break }
            spec = next
        }
        return spec
    }
}
