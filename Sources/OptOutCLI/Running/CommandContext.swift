import OptOutCore

/// Everything a command may touch outside its arguments: the environment, the streams, the clock.
/// Tests build one in memory; `main` builds it from the process.
final class CommandContext {
    let environment: [String: String]
    let standardOutput: OutputStream
    let standardError: OutputStream
    /// Standard input's file descriptor, for `-` arguments.
    let standardInput: Int32
    /// The current time; fixed in tests.
    let now: () -> Timestamp
    /// What a reader closing standard output early means for this run; a command that must know its
    /// whole output was delivered (`export --cursor`) sets `.fails`.
    var closedOutput = ClosedOutputPolicy.endsQuietly

    init(
        environment: [String: String], standardOutput: OutputStream, standardError: OutputStream,
        standardInput: Int32 = 0, now: @escaping () -> Timestamp = Timestamp.now
    ) {
        self.environment = environment
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.standardInput = standardInput
        self.now = now
    }

    /// `optout: error: …` on standard error, for an error that does not end the command (one bad
    /// line of many). Every diagnostic goes through `diagnostic`, escaped: it may quote an input.
    func error(_ message: String) { diagnostic("error: " + message) }

    /// `optout: warning: …` on standard error.
    func warn(_ message: String) { diagnostic("warning: " + message) }

    /// `optout: …` on standard error: something the user should know that is not a problem.
    func notice(_ message: String) { diagnostic(message) }

    /// One line `optout: TEXT` on standard error, with what optout did not write escaped
    /// (`TerminalText`): a message id, a reason or an input cannot draw a second line or drive the
    /// terminal.
    func diagnostic(_ text: String) { standardError.write("optout: " + TerminalText.escaped(text) + "\n") }
}
