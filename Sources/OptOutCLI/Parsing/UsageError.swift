/// A command line that does not fit its command: exit 64 with the usage line and a hint.
struct UsageError: Error, Sendable {
    var message: String
    /// The command whose usage to print.
    var commandPath: [String]
}
