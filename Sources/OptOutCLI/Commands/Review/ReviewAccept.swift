import OptOutCore

/// `optout review accept ID|NUMBER`: record the proposed verdict and close the review.
enum ReviewAccept: Command {
    /// The word that names the command, known without building its spec.
    static let name = "accept"

    static let spec = CommandSpec(
        name: name, abstract: "Accept a pending review: record its proposed opt-out or opt-in, as of the message's time.",
        arguments: [ReviewCommand.target], options: [CommonOptions.reason.spec] + CommonOptions.numberReading)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ReviewCommand.decide(invocation, .accept, reason: try invocation.value(CommonOptions.reason))
    }
}
