import OptOutCore

/// A subcommand: its declarative spec and a short `run` that calls one core function.
protocol Command: SendableMetatype {
    /// The word that names the command (`spec.name`), known without building the spec.
    static var name: String { get }
    static var spec: CommandSpec { get }
    /// Runs with parsed arguments; returns the exit status.
    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32
}

extension Command {
    /// The command as a nested command of a group or of the root, its spec built when first asked for.
    static var subcommand: CommandSpec.Subcommand { CommandSpec.Subcommand(name: name) { spec } }
}
