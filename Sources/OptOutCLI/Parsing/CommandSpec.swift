/// The declarative description of a command: it drives both parsing and `--help`.
struct CommandSpec: Sendable {
    /// The name after `optout`, e.g. `block`; for a nested command, its own word (`get`).
    var name: String
    /// One line for OVERVIEW and the root's SUBCOMMANDS list.
    var abstract: String
    /// Paragraphs shown after the overview.
    var discussion: String = ""
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    /// Nested commands (`config get`), chosen by the first argument: named here, each spec built only
    /// when asked for, so that a run builds the spec of the command it runs and not every command's
    /// (building them all was a tenth of `optout --version`).
    var nested: [Subcommand] = []
    /// The nested command run when none is named (`optout review` lists the queue); nil shows help.
    var defaultSubcommand: String? = nil
    /// Help lists the subcommands under these headings (who uses them), in this order; empty: one list.
    var subcommandGroups: [(heading: String, names: [String])] = []
    /// Adds `--db`, `--scope` and `--actor`: every subcommand has them (contract §5).
    var commonOptions = true

    /// Options in help order: the command's own, then the common ones, then `--help`.
    var allOptions: [OptionSpec] {
        options + (commonOptions ? CommonOptions.specs : []) + [OptionSpec.help]
    }

    /// A nested command: its word, and how its spec is built.
    struct Subcommand: Sendable {
        let name: String
        let spec: @Sendable () -> CommandSpec
    }

    /// The nested commands' specs, every one built (help, completion scripts, the man page).
    var subcommands: [CommandSpec] { nested.map { $0.spec() } }

    /// The words of the nested commands.
    var subcommandNames: [String] { nested.map(\.name) }

    /// The spec of the nested command `name`, nil when there is none.
    func subcommand(named name: String) -> CommandSpec? { nested.first { $0.name == name }?.spec() }

    /// The option named `--name` or `-c`.
    func option(long name: String) -> OptionSpec? { allOptions.first { $0.name == name } }
    func option(short character: Character) -> OptionSpec? { allOptions.first { $0.short == character } }
}
