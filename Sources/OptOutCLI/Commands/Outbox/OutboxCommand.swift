import OptOutCore

/// `optout outbox`: the replies to Meta webhooks, waiting to be sent through Meta's API.
enum OutboxCommand {
    static var commands: [any Command.Type] { [OutboxList.self, OutboxAck.self] }

    static let spec = CommandSpec(
        name: "outbox",
        abstract: "The replies waiting to be sent through Meta's API: list them, acknowledge the ones sent.",
        discussion: """
            ingest-message puts the reply to a Meta (WhatsApp Cloud API) body here, in the same transaction as \
            the event that decided it; a sender posts each one and runs 'optout outbox ack ID'. See Docs/deploy.md.
            """,
        subcommands: commands.map { $0.spec }, defaultSubcommand: "list")
}
