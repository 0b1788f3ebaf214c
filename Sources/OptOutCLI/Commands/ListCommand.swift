import OptOutCore

/// `optout list`: current entries, newest change first.
enum ListCommand: Command {
    /// The word that names the command, known without building its spec.
    static let name = "list"

    static let spec = CommandSpec(
        name: name,
        abstract: "List current entries, newest change first.",
        discussion: "By default every entry that is not active; --status active shows lifted ones too.",
        options: [
            CommonOptions.statuses.spec, CommonOptions.since.spec, CommonOptions.until.spec, limit.spec, format.spec,
        ])

    static let limit = Option<Int?>.count("limit", help: "At most n entries.", in: 0...Int(Int32.max))
    static let format = Option<EntryWriter.Format>.choice("format", help: "A table for people, or records.", default: .table)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let format = try invocation.value(format)
        var statuses = try invocation.statuses()
        if statuses.isEmpty { statuses = Set(Status.allCases.filter { $0 != .active }) }
        let (since, until) = try invocation.timeRange()
        let store = try invocation.openStore(.read)
        let query = EntryQuery(
            scope: try invocation.knownScope(in: store), statuses: statuses, since: since, until: until, newestFirst: true,
            limit: try invocation.value(limit))
        let output = invocation.output
        try store.read { transaction in
            var writer = EntryWriter(format: format, output: output)
            if writer.isTable {
                try transaction.forEachEntrySummary(query) { entry in
                    writer.write(entry)
                    try output.stopIfFailed()
                }
            } else {
                try transaction.forEachEntry(query) { entry in
                    writer.write(entry)
                    try output.stopIfFailed()
                }
            }
            writer.finish()
            if format == .table, let limit = query.limit {
                let total = try transaction.countEntries(query)
                if total > limit { output.write("… \(total - limit) more (raise --limit to see them)\n") }
            }
        }
        return 0
    }
}
