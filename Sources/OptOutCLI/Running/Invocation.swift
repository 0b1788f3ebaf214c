import OptOutCore
import OptOutPlatform

/// One run of a command: its parsed arguments and context, with the readings every command shares.
struct Invocation {
    let arguments: ParsedArguments
    let context: CommandContext

    var output: OutputStream { context.standardOutput }

    // MARK: - Typed values

    /// The option's value: the last one given, else its environment variable's (when set and not
    /// empty), else its default. A given value was checked by the parser; an environment value is
    /// checked here, with the same declaration.
    func value<Value>(_ option: Option<Value>) throws(OptOutError) -> Value {
        if let given = arguments.value(option.spec.name) { return try option.parse(given) }
        if let variable = option.spec.environment, let text = context.environment[variable], !text.isEmpty {
            do { return try option.parse(text) } catch {
                throw OptOutError(.usage, "\(variable): \(error.message)")
            }
        }
        return option.defaultValue
    }

    /// Every value of a repeatable option, in the order given (the default alone when none was given).
    func values<Value>(_ option: Option<Value>) throws(OptOutError) -> [Value] {
        let given = arguments.allValues(option.spec.name)
        if given.isEmpty { return [try value(option)] }
        var result: [Value] = []
        for text in given { result.append(try option.parse(text)) }
        return result
    }

    /// True when the option was given on the command line (not from the environment).
    func isGiven<Value>(_ option: Option<Value>) -> Bool { arguments.value(option.spec.name) != nil }

    func flag(_ flag: Flag) -> Bool { arguments.flag(flag.spec.name) }

    /// The positional arguments.
    var positionals: [String] { arguments.positionals }

    // MARK: - Common options

    /// `--scope`, `OPTOUT_SCOPE`, or `default`.
    func scope() throws(OptOutError) -> String { try value(CommonOptions.scope) }

    /// `--scope` for a command that only reads: a scope that was never used (no entries, events or
    /// settings) is a usage error listing the known ones, so that a mistyped scope cannot answer
    /// "may receive" from an empty list (contract §7).
    func knownScope(in store: OptOutStore) throws(OptOutError) -> String {
        let scope = try scope()
        let known = try store.read { transaction in
            try transaction.isKnownScope(scope) ? nil : try transaction.scopes().map(\.name)
        }
        guard let known else { return scope }
        throw OptOutError(
            .usage,
            "unknown scope '\(scope)': it has no entries, events or settings; known scopes: \(known.joined(separator: ", "))")
    }

    /// `--actor`, `OPTOUT_ACTOR`, or the login name.
    func actor() -> String? {
        if let actor = try? value(CommonOptions.actor) { return actor }
        for key in ["LOGNAME", "USER"] {
            if let name = context.environment[key], !name.isEmpty { return name }
        }
        return loginName(ofUser: getuid())
    }

    /// What a command does with the database, which decides what happens when it is missing.
    enum DatabaseUse {
        /// Only reads: a `--db`/`OPTOUT_DB` path that does not exist is refused (66), nothing created.
        case read
        /// Writes, but only to a database that exists (`export --cursor` moves a cursor of an existing
        /// feed; it must not create an empty database and report nothing).
        case update
        /// Writes: a missing database is created, with a notice naming it.
        case write
    }

    /// The database path: `--db`, `OPTOUT_DB`, or the default (whose folder is created when missing).
    func databaseLocation() throws(OptOutError) -> DatabaseLocation {
        try DatabaseLocation.resolve(explicit: try value(CommonOptions.db), environment: context.environment)
    }

    /// Opens the database for `use`. The default database is created by any command on first use (the
    /// quick start is one command); a path that was given is created only by a command that writes,
    /// which says so once on standard error.
    func openStore(_ use: DatabaseUse) throws(OptOutError) -> OptOutStore {
        let location = try databaseLocation()
        var opening: StoreOpening
        switch use {
        case .read: opening = .read
        case .update: opening = StoreOpening(whenMissing: .refuse, readOnlyAllowed: false)
        case .write: opening = .write
        }
        if location.isDefault { opening.whenMissing = .create }
        opening.busyTimeout = try busyTimeout()
        opening.fileMode = try fileMode()
        let store = try OptOutStore(path: location.path, opening: opening)
        if store.wasCreated && !location.isDefault { context.notice("created database \(location.path)") }
        return store
    }

    /// `OPTOUT_BUSY_TIMEOUT_MS`: how long a writer waits for another's lock, 0 to 3,600,000 ms.
    func busyTimeout() throws(OptOutError) -> Int32 {
        guard let text = context.environment["OPTOUT_BUSY_TIMEOUT_MS"], !text.isEmpty else { return 5000 }
        guard let parsed = Int32(text), (0...3_600_000).contains(parsed) else {
            throw OptOutError(.usage, "OPTOUT_BUSY_TIMEOUT_MS must be a whole number of milliseconds from 0 to 3600000; got '\(text)'")
        }
        return parsed
    }

    /// `OPTOUT_FILE_MODE`: the mode of new databases and output files, 0600 by default, at most 0660.
    func fileMode() throws(OptOutError) -> FileMode {
        guard let text = context.environment["OPTOUT_FILE_MODE"], !text.isEmpty else { return .private }
        guard let mode = FileMode(octal: text) else {
            throw OptOutError(
                .usage, "OPTOUT_FILE_MODE must be an octal mode from 0600 to 0660 (owner read-write, group at most read-write, nothing for others); got '\(text)'")
        }
        return mode
    }

    // MARK: - Outputs

    /// Refuses (64), before anything is read, an output that is the same file as the database or its
    /// `-wal`/`-shm`, as an input, or as another output: the same device and inode where the file
    /// exists, the same resolved path where it does not. Character devices (`/dev/null`) may be shared
    /// by several outputs. Standard output (`-`) is not checked: the shell opened it already.
    func checkOutputs(_ outputs: [(option: String, path: String)], inputs: [(name: String, path: String)]) throws(OptOutError) {
        let database = try databaseLocation().path
        let stored = ["", "-wal", "-shm"].map { FileIdentity.of(database + $0) }
        var seen: [(String, FileIdentity)] = []
        for output in outputs where output.path != "-" {
            let identity = FileIdentity.of(output.path)
            if stored.contains(identity) {
                throw OptOutError(.usage, "\(output.option) \(output.path) is the database (\(database)) or one of its files; write elsewhere")
            }
            for input in inputs {
                let inputIdentity = input.path == "-" ? FileIdentity.of(descriptor: context.standardInput) : FileIdentity.of(input.path)
                if inputIdentity == identity, !identity.isCharacterDevice {
                    throw OptOutError(.usage, "\(output.option) \(output.path) is the \(input.name); it would be replaced before it is read")
                }
            }
            if let other = seen.first(where: { $0.1 == identity && !identity.isCharacterDevice }) {
                throw OptOutError(.usage, "\(other.0) and \(output.option) name the same file (\(output.path)); give them different files")
            }
            seen.append((output.option, identity))
        }
    }

    /// Opens an output path as its target says (`OutputFile`), with the mode of new files.
    func openOutput(_ path: String) throws(OptOutError) -> OutputFile {
        let mode = try fileMode()
        do { return try OutputFile(path: path, mode: mode) } catch { throw OptOutError(error) }
    }

    // MARK: - Shared readings

    /// `--since` and `--until`: a half-open range `[since, until)`; an end before the start is a usage error.
    func timeRange() throws(OptOutError) -> (since: Timestamp?, until: Timestamp?) {
        let since = try value(CommonOptions.since)
        let until = try value(CommonOptions.until)
        try Timestamp.checkRange(since: since, until: until)
        return (since, until)
    }

    /// A `--status` option, repeatable and comma-separated: every status named.
    func statuses(_ option: Option<Set<Status>> = CommonOptions.statuses) throws(OptOutError) -> Set<Status> {
        try values(option).reduce(into: []) { $0.formUnion($1) }
    }

    /// The phone normaliser from `--default-country` (or `OPTOUT_DEFAULT_COUNTRY`, or the stored
    /// setting) and `--whatsapp-ids`.
    func normalizer(store: OptOutStore?) throws(OptOutError) -> PhoneNormalizer {
        var region = try value(CommonOptions.defaultCountry)
        if region == nil, let store {
            let scope = try scope()
            let stored = try store.read { transaction in try transaction.setting(Settings.defaultCountry, scope: scope) }
            region = Region(code: stored)
        }
        return PhoneNormalizer(defaultRegion: region, whatsAppIDs: flag(CommonOptions.whatsAppIDs))
    }

    /// The identifier a person gave (`show`, `forget`): a number read with `normalizer(store:)`, or a
    /// WhatsApp user id; 65 naming why it is neither.
    func identifier(_ text: String, store: OptOutStore) throws(OptOutError) -> Identifier {
        switch try normalizer(store: store).identifier(text) {
        case .success(let identifier): return identifier
        case .failure(let rejection): throw ErrorText.notAnIdentifier(text, rejection)
        }
    }
}
