import OptOutCore

/// A subcommand: its declarative spec and a short `run` that calls one core function.
protocol Command: CommandDeclaration {
    /// Runs with parsed arguments; returns the exit status.
    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32
}
