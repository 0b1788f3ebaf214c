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
    /// Nested commands (`config get`), chosen by the first argument.
    var subcommands: [CommandSpec] = []
    /// Adds `--db`, `--scope` and `--actor`: every subcommand has them (contract §5).
    var commonOptions = true

    /// Options in help order: the command's own, then the common ones, then `--help`.
    var allOptions: [OptionSpec] {
        options + (commonOptions ? OptionSpec.common : []) + [OptionSpec.help]
    }

    /// The option named `--name` or `-c`.
    func option(long name: String) -> OptionSpec? { allOptions.first { $0.name == name } }
    func option(short character: Character) -> OptionSpec? { allOptions.first { $0.short == character } }
}

/// A positional argument.
struct ArgumentSpec: Sendable {
    enum Arity: Sendable {
        case required
        case optional
        /// Zero or more (`NUMBER…`).
        case variadic
        /// One or more.
        case oneOrMore
    }

    var name: String
    var help: String
    var arity: Arity = .required

    /// `<number> ...`, `[<input>]`.
    var usage: String {
        switch arity {
        case .required: "<\(name)>"
        case .optional: "[<\(name)>]"
        case .variadic: "[<\(name)> ...]"
        case .oneOrMore: "<\(name)> ..."
        }
    }
}

/// A named option: a flag (no value) or one taking a value.
struct OptionSpec: Sendable {
    /// The long name without dashes: `dry-run`.
    var name: String
    var short: Character? = nil
    /// The value's placeholder (`path`), nil for a flag.
    var valueName: String? = nil
    var help: String
    /// May be given more than once (`--status blocked --status opted-out`).
    var repeatable = false
    /// The environment variable that supplies a default.
    var environment: String? = nil

    var isFlag: Bool { valueName == nil }

    /// `-h, --help`, `--file <path>`.
    var label: String {
        var text = short.map { "-\($0), " } ?? ""
        text += "--\(name)"
        if let valueName { text += " <\(valueName)>" }
        return text
    }

    static let common: [OptionSpec] = [
        OptionSpec(
            name: "db", valueName: "path",
            help: "The database file (default: $XDG_DATA_HOME/optout/optout.sqlite or ~/.local/share/optout/optout.sqlite).",
            environment: "OPTOUT_DB"),
        OptionSpec(
            name: "scope", valueName: "name", help: "The list to use: a brand, sub-account or sending line (default: default).",
            environment: "OPTOUT_SCOPE"),
        OptionSpec(
            name: "actor", valueName: "name", help: "Who is making the change, for the event log (default: your login name).",
            environment: "OPTOUT_ACTOR"),
    ]

    static let help = OptionSpec(name: "help", short: "h", help: "Show help information.")
}
