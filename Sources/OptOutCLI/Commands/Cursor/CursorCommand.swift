import OptOutCore

/// `optout cursor`: the export cursors of the event feeds (`export --events --cursor NAME`).
enum CursorCommand: CommandGroup {
    static var commands: [any Command.Type] { [CursorList.self, CursorShow.self, CursorRewind.self, CursorDelete.self] }

    /// The word that names the command, known without building its spec.
    static let name = "cursor"

    static let spec = CommandSpec(
        name: name,
        abstract: "The export cursors of the event feeds: list, show one's history, rewind, delete.",
        discussion: """
            A cursor remembers the last event a feed delivered; 'export --events --cursor NAME' delivers the ones \
            after it. Every move, rewind and deletion is recorded with who and when ('cursor show'). See Docs/export.md.
            """,
        nested: commands.map { $0.subcommand }, defaultSubcommand: "list")

    static let nameArgument = ArgumentSpec(name: "name", help: "The cursor's name.", arity: .required)

    /// A cursor name that can be part of a spool file's name: letters, digits, `.`, `_` and `-`, not
    /// starting with `.` (no folder separator, no hidden file).
    static func checkFileSafe(_ name: String) throws(OptOutError) {
        let safe = !name.hasPrefix(".") && !name.isEmpty && name.utf8.count <= 100 && name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        if !safe {
            throw OptOutError(
                .usage, "with --spool, the cursor name becomes part of file names: use letters, digits, '.', '_' and '-' (not first '.')")
        }
    }

    /// The cursor `name` as it stands, or 66 when there is none.
    static func existing(_ name: String, in store: OptOutStore) throws(OptOutError) -> ExportCursor {
        guard let cursor = try Exporter.cursors(in: store).first(where: { $0.name == name }) else {
            throw OptOutError(.inputMissing, "no cursor '\(NumberInput.shown(name))' (see 'optout cursor list')")
        }
        return cursor
    }
}
