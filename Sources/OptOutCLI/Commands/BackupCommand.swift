import OptOutCore

/// `optout backup PATH [--keep N]`: a consistent copy while writers run, verified.
enum BackupCommand: Command {
    static let path = ArgumentSpec(name: "path", help: "The backup file, or a folder to put optout-TIME.sqlite in.", arity: .required)

    /// The word that names the command, known without building its spec.
    static let name = "backup"

    static let spec = CommandSpec(
        name: name,
        abstract: "Copy the database consistently while others write (SQLite's online backup), then verify the copy.",
        discussion: """
            The copy appears whole or not at all, with mode 0600. With a folder, the file is optout-YYYYMMDDTHHMMSSZ.sqlite \
            and --keep N removes all but the newest N. Exit 1 when the copy does not verify. See Docs/reliability.md.
            """,
        arguments: [path], options: [keep.spec])

    static let keep = Option<Int?>.count("keep", help: "With a folder: keep only the newest N backups in it.", in: 1...100_000)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let given = invocation.positionals[0]
        let keep = try invocation.value(keep)
        let store = try invocation.openStore(.read)
        let intoFolder = FileIdentity.isFolder(given)
        if keep != nil && !intoFolder { throw OptOutError(.usage, "--keep needs PATH to be a folder") }
        let target = intoFolder
            ? (given.hasSuffix("/") ? given : given + "/") + DatabaseBackup.fileName(at: invocation.context.now()) : given
        try invocation.checkOutputs([("backup", target)], inputs: [])
        try DatabaseBackup.write(store, to: target, mode: try invocation.fileMode())
        let copy = try OptOutStore(path: target, opening: .read)
        let (report, _, _) = try VerifyCommand.check(copy, invocation)
        if let keep, intoFolder {
            for name in try DatabaseBackup.prune(given, keep: keep) { invocation.context.notice("removed the older backup \(name)") }
        }
        guard report.isClean else {
            VerifyCommand.write(report, to: invocation.output)
            invocation.context.warn("the backup \(target) was written but does not verify: the database itself does not (see above)")
            return 1
        }
        invocation.output.write("backup: \(target) (\(report.events) events, verified)\n")
        return 0
    }
}
