import OptOutCore

/// `optout scopes`: every scope with its counts and last change.
enum ScopesCommand: Command {
    static let format = Option<EntryWriter.Format>.choice("format", help: "A table for people, or records.", default: .table)

    /// The word that names the command, known without building its spec.
    static let name = "scopes"

    static let spec = CommandSpec(
        name: name, abstract: "List every scope with its entries, events, settings and last change.",
        discussion: "A scope exists once anything was recorded or set in it; `default` always exists.",
        options: [format.spec])

    static let fields = ["scope", "entries", "events", "settings", "last_change"]

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.read)
        let scopes = try store.read { transaction in try transaction.scopes() }
        invocation.output.writeList(
            scopes, as: try invocation.value(format), fields: fields,
            record: { scope in
                [
                    ("scope", .string(scope.name)), ("entries", .integer(scope.entries)), ("events", .integer(scope.events)),
                    ("settings", .integer(scope.settings)), ("last_change", .optional(scope.lastChange?.iso8601)),
                ]
            },
            header: ["SCOPE", "ENTRIES", "EVENTS", "SETTINGS", "LAST CHANGE (UTC)"],
            row: { scope in
                [scope.name, String(scope.entries), String(scope.events), String(scope.settings), scope.lastChange?.shortUTC ?? ""]
            })
        return 0
    }
}
