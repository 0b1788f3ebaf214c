import OptOutCore

/// `optout forget ID --reason TEXT`: a person's erasure request.
enum ForgetCommand: Command {
    static let identifier = ArgumentSpec(name: "id", help: "The person's number or WhatsApp user id.", arity: .required)

    /// The word that names the command, known without building its spec.
    static let name = "forget"

    static let spec = CommandSpec(
        name: name,
        abstract: "Erase the message texts and reasons of a person's events (an erasure request); the suppression stays.",
        discussion: """
            Every scope, and every identifier linked to the person. A forget event records when and why; the \
            identifier stays on the list so that the person is not messaged again (see Docs/privacy.md).
            """,
        arguments: [identifier], options: [CommonOptions.reason.spec] + CommonOptions.numberReading)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        guard let reason = try invocation.value(CommonOptions.reason), !reason.isEmpty else {
            throw OptOutError(.usage, "--reason is required: say why, for the record (never the person's data)")
        }
        let store = try invocation.openStore(.update)
        let subject = try invocation.identifier(invocation.positionals[0], store: store)
        let erased = try store.forget(subject, reason: reason, actor: invocation.actor(), at: invocation.context.now())
        invocation.output.write(
            "\(subject.text) forgotten: the texts of \(erased) \(erased == 1 ? "event" : "events") erased; its suppressions stay\n")
        return 0
    }
}
