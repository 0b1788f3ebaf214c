import OptOutCore

/// What it means when the reader of standard output goes away before the command has written
/// everything (`optout export | head -1`): one rule for every command that streams (Docs/cli.md).
enum ClosedOutputPolicy {
    /// The reader had what it wanted: end quietly with the command's status (0 when it stopped writing).
    case endsQuietly
    /// The output had to arrive whole: exit 74 with a message (the command has not committed anything
    /// that depends on it, such as moving an export cursor).
    case fails
}
