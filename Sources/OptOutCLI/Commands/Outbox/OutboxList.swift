import OptOutCore

/// `optout outbox [list]`: the unsent replies of the scope, oldest first.
enum OutboxList: Command {
    static let format = Option<EntryWriter.Format>.choice("format", help: "A table for people, or records.", default: .table)

    /// The word that names the command, known without building its spec.
    static let name = "list"

    static let spec = CommandSpec(
        name: name, abstract: "List the replies not sent yet, oldest first.", options: [format.spec])

    static let fields = ["id", "scope", "to", "line", "text", "message_id", "created_at"]

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.read)
        let scope = try invocation.knownScope(in: store)
        let messages = try store.read { transaction in try transaction.unsentReplies(scope: scope) }
        invocation.output.writeList(
            messages, as: try invocation.value(format), fields: fields,
            record: { message in
                [
                    ("id", .integer(message.id)), ("scope", .string(message.scope)), ("to", .string(message.to)),
                    ("line", .optional(message.line)), ("text", .string(message.text)),
                    ("message_id", .optional(message.messageID)), ("created_at", .string(message.createdAt.iso8601)),
                ]
            },
            header: ["ID", "TO", "CREATED (UTC)", "LINE", "TEXT"],
            row: { message in
                [String(message.id), message.to, message.createdAt.shortUTC, message.line ?? "", JSONValue.quoted(message.text)]
            }, empty: "No replies waiting.")
        return 0
    }
}
