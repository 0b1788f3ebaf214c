import OptOutCore

/// `optout config history`: every change of a setting, oldest first.
enum ConfigHistory: Command {
    static let allScopes = Flag(name: "all-scopes", help: "The changes of every scope, not only --scope.")
    static let format = Option<EntryWriter.Format>.choice(
        "format", help: "A table for people, or records.", default: .table)

    /// The word that names the command, known without building its spec.
    static let name = "history"

    static let spec = CommandSpec(
        name: name, abstract: "Show every change of a setting: when, who, the old and the new value.",
        options: [allScopes.spec, format.spec])

    /// The fields of a change in machine-readable output.
    static let fields = ["change_id", "scope", "key", "old_value", "new_value", "at", "actor", "os_user"]

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.read)
        let scope = invocation.flag(allScopes) ? nil : try invocation.knownScope(in: store)
        let changes = try store.read { transaction in try transaction.settingChanges(scope: scope) }
        let output = invocation.output
        let format = try invocation.value(format)
        if let records = RecordFormat(rawValue: format.rawValue) {
            output.writeRecords(
                changes.map { change in
                    [
                        ("change_id", .integer(change.id)), ("scope", .string(change.scope)), ("key", .string(change.key)),
                        ("old_value", .optional(change.oldValue)), ("new_value", .optional(change.newValue)),
                        ("at", .string(change.at.iso8601)), ("actor", .optional(change.actor)), ("os_user", .optional(change.osUser)),
                    ]
                }, fields: fields, format: records)
            return 0
        }
        guard !changes.isEmpty else {
            output.write("No setting changes.\n")
            return 0
        }
        for change in changes {
            var line = "\(change.at.iso8601)  \(change.scope)  \(change.key): "
            line += "\(change.oldValue.map(JSONValue.quoted) ?? "(unset)") -> \(change.newValue.map(JSONValue.quoted) ?? "(unset)")"
            if let actor = change.actor { line += "  by \(actor)" }
            if let user = change.osUser { line += " (os user \(user))" }
            output.write(TerminalText.escaped(line) + "\n")
        }
        return 0
    }
}
