import OptOutCore

/// `optout cursor rewind NAME --to TIME|EVENT_ID`: deliver events again from a point in the log.
enum CursorRewind: Command {
    static let to = Option<String?>.text(
        "to", valueName: "time|event",
        help: "Where the next run starts: a time, YYYY-MM-DD or ISO 8601 (the events recorded from then on), or an event id, digits only (the events after it).")

    /// The word that names the command, known without building its spec.
    static let name = "rewind"

    static let spec = CommandSpec(
        name: name,
        abstract: "Move a cursor back, so that its next run delivers the events again from a time or an event id.",
        arguments: [CursorCommand.nameArgument], options: [to.spec])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let name = invocation.positionals[0]
        guard let text = try invocation.value(to) else { throw OptOutError(.usage, "--to TIME or EVENT_ID is required") }
        let target: CursorTarget
        if let id = RecordID.parse(text) {
            target = .after(eventID: id)
        } else if let time = Timestamp(parsing: text) {
            target = .recordedFrom(time)
        } else {
            throw OptOutError(.usage, "--to must be a time (YYYY-MM-DD or ISO 8601) or an event id; got '\(NumberInput.shown(text))'")
        }
        let store = try invocation.openStore(.update)
        let now = invocation.context.now()
        let actor = invocation.actor()
        let change = try store.write { transaction in try transaction.rewindCursor(name, to: target, at: now, actor: actor) }
        let from = change.from ?? 0
        let position = change.to ?? 0
        invocation.output.write("cursor \(NumberInput.shown(name)) rewound from event \(from) to \(position): its next run delivers the events after \(position)\n")
        return 0
    }
}
