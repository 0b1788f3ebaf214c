import OptOutCore

/// `optout outbox ack ID…`: mark replies sent.
enum OutboxAck: Command {
    static let ids = ArgumentSpec(name: "id", help: "The ids of the replies sent (see 'optout outbox').", arity: .variadic)

    /// The word that names the command, known without building its spec.
    static let name = "ack"

    static let spec = CommandSpec(
        name: name, abstract: "Mark replies sent; all or none (an unknown or already sent id changes nothing).",
        arguments: [ids])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        var parsed: [Int64] = []
        for text in invocation.positionals {
            guard let id = RecordID.parse(text) else {
                throw OptOutError(.usage, "'\(NumberInput.shown(text))' is not an outbox id")
            }
            parsed.append(id)
        }
        if parsed.isEmpty { throw OptOutError(.usage, "give at least one id") }
        let store = try invocation.openStore(.update)
        let now = invocation.context.now()
        try store.write { transaction in try transaction.acknowledge(parsed, at: now) }
        invocation.output.write("\(parsed.count) \(parsed.count == 1 ? "reply" : "replies") marked sent\n")
        return 0
    }
}
