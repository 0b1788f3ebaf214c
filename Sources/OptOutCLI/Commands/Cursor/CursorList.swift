import OptOutCore

/// `optout cursor [list]`: every cursor with its position and what waits for it.
enum CursorList: Command {
    static let format = Option<EntryWriter.Format>.choice("format", help: "A table for people, or records.", default: .table)

    /// The word that names the command, known without building its spec.
    static let name = "list"

    static let spec = CommandSpec(
        name: name, abstract: "List the cursors, their positions and how many events wait for each.", options: [format.spec])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.read)
        try write(try Exporter.cursors(in: store), as: try invocation.value(format), to: invocation.output)
        return 0
    }

    /// The cursors as a table or records (also `export --list-cursors`).
    static func write(_ cursors: [ExportCursor], as format: EntryWriter.Format, to output: OutputStream) throws(OptOutError) {
        output.writeList(
            cursors, as: format, fields: Exporter.cursorFields, record: Exporter.fields(of:),
            header: ["CURSOR", "LAST EVENT", "PENDING", "UPDATED (UTC)"],
            row: { cursor in
                [cursor.name, String(cursor.lastEventID), String(cursor.pendingEvents), cursor.updatedAt?.shortUTC ?? ""]
            }, empty: "No cursors.")
    }
}
