import OptOutCore

/// `optout cursor delete NAME`: forget a feed.
enum CursorDelete: Command {
    /// The word that names the command, known without building its spec.
    static let name = "delete"

    static let spec = CommandSpec(
        name: name, abstract: "Delete a cursor (recorded); a later export with the name starts from the first event.",
        arguments: [CursorCommand.nameArgument])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let name = invocation.positionals[0]
        let store = try invocation.openStore(.update)
        let now = invocation.context.now()
        let actor = invocation.actor()
        let deleted = try store.write { transaction in try transaction.deleteCursor(name, at: now, actor: actor) }
        guard deleted else { throw OptOutError(.inputMissing, "no cursor '\(NumberInput.shown(name))' (see 'optout cursor list')") }
        invocation.output.write("cursor \(NumberInput.shown(name)) deleted\n")
        return 0
    }
}
