import OptOutCore

/// `optout review undo ID|NUMBER --reason T`: reverse an automatic opt-out of the fuzzy or intent layer.
enum ReviewUndo: Command {
    /// The word that names the command, known without building its spec.
    static let name = "undo"

    static let spec = CommandSpec(
        name: name,
        abstract: "Undo an opt-out the fuzzy or intent layer applied in the last 14 days (needs --reason).",
        discussion: """
            ID is the opt-out's event id as 'optout review --auto' lists it; a number undoes its latest automatic \\
            opt-out. Consent returns to what it was before the opt-out. Refused when anything changed the number's \\
            consent after it.
            """,
        arguments: [ReviewCommand.target], options: [CommonOptions.reason.spec] + CommonOptions.numberReading)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        guard let reason = try invocation.value(CommonOptions.reason), !reason.isEmpty else {
            throw OptOutError(.usage, "--reason is required: say why the opt-out was wrong")
        }
        return try ReviewCommand.decide(invocation, .undo, reason: reason)
    }
}
