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

    /// `optout: warning: …` on standard error.
    func warn(_ message: String) { standardError.write("optout: warning: \(message)\n") }
}

/// What it means when the reader of standard output goes away before the command has written
/// everything (`optout export | head -1`): one rule for every command that streams (Docs/cli.md).
enum ClosedOutputPolicy {
    /// The reader had what it wanted: end quietly with the command's status (0 when it stopped writing).
    case endsQuietly
    /// The output had to arrive whole: exit 74 with a message (the command has not committed anything
    /// that depends on it, such as moving an export cursor).
    case fails
}
