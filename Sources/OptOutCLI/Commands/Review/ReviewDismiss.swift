import OptOutCore

/// `optout review dismiss ID|NUMBER --reason T`: close a review without a change.
enum ReviewDismiss: Command {
    /// The word that names the command, known without building its spec.
    static let name = "dismiss"

    static let spec = CommandSpec(
        name: name, abstract: "Dismiss a pending review without a change (needs --reason).",
        arguments: [ReviewCommand.target], options: [CommonOptions.reason.spec] + CommonOptions.numberReading)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        guard let reason = try invocation.value(CommonOptions.reason), !reason.isEmpty else {
            throw OptOutError(.usage, "--reason is required: say why the message does not ask to stop")
        }
        return try ReviewCommand.decide(invocation, .dismiss, reason: reason)
    }
}
