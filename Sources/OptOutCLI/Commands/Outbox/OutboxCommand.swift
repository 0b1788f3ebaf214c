import OptOutCore

/// `optout outbox`: the replies to Meta webhooks, waiting to be sent through Meta's API.
enum OutboxCommand: CommandGroup {
    static var commands: [any Command.Type] { [OutboxList.self, OutboxAck.self] }

    /// The word that names the command, known without building its spec.
    static let name = "outbox"

    static let spec = CommandSpec(
        name: name,
        abstract: "The replies waiting to be sent through Meta's API: list them, acknowledge the ones sent.",
        discussion: """
            ingest-message puts the reply to a Meta (WhatsApp Cloud API) body here, in the same transaction as \
            the event that decided it; a sender posts each one and runs 'optout outbox ack ID'. See Docs/deploy.md.
            """,
        nested: commands.map { $0.subcommand }, defaultSubcommand: "list")
}
