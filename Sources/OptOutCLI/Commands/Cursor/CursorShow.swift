import OptOutCore

/// `optout cursor show NAME`: one cursor and the history of its moves.
enum CursorShow: Command {
    static let format = Option<EntryWriter.Format>.choice("format", help: "A table for people, or records.", default: .table)

    /// The word that names the command, known without building its spec.
    static let name = "show"

    static let spec = CommandSpec(
        name: name, abstract: "Show a cursor's position and every delivery, rewind and deletion it has had.",
        arguments: [CursorCommand.nameArgument], options: [format.spec])

    static let fields = ["id", "action", "from_event_id", "to_event_id", "records", "file", "at", "actor", "os_user"]

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let name = invocation.positionals[0]
        let store = try invocation.openStore(.read)
        let changes = try store.read { transaction in try transaction.cursorChanges(name) }
        let cursor = try? CursorCommand.existing(name, in: store)
        if cursor == nil && changes.isEmpty { _ = try CursorCommand.existing(name, in: store) }
        let format = try invocation.value(format)
        if format == .table {
            if let cursor {
                invocation.output.write(
                    "cursor \(NumberInput.shown(name)): at event \(cursor.lastEventID), \(cursor.pendingEvents) waiting\n\n")
            } else {
                invocation.output.write("cursor \(NumberInput.shown(name)): deleted\n\n")
            }
        }
        invocation.output.writeList(
            changes, as: format, fields: fields,
            record: { change in
                [
                    ("id", .integer(change.id)), ("action", .string(change.action.rawValue)), ("from_event_id", .optional(change.from)),
                    ("to_event_id", .optional(change.to)), ("records", .optional(change.records)), ("file", .optional(change.file)),
                    ("at", .string(change.at.iso8601)), ("actor", .optional(change.actor)), ("os_user", .optional(change.osUser)),
                ]
            },
            header: ["AT (UTC)", "ACTION", "FROM", "TO", "RECORDS", "FILE", "ACTOR"],
            row: { change in
                [
                    change.at.shortUTC, change.action.rawValue, change.from.map(String.init) ?? "", change.to.map(String.init) ?? "",
                    change.records.map(String.init) ?? "", change.file ?? "", change.actor ?? "",
                ]
            }, empty: "No changes recorded.")
        return 0
    }
}
