/// What the parser found on a command line, checked against its `CommandSpec`.
struct ParsedArguments: Sendable {
    /// The command path: ["block"], ["config", "get"].
    var commandPath: [String]
    var positionals: [String] = []
    /// Option values by long name, in the order given.
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// The last value of `--name`, nil when not given.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option.
    func allValues(_ name: String) -> [String] { values[name] ?? [] }

    /// True when the flag `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}
