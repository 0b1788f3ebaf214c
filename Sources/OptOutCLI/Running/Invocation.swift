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

    /// `--actor`, `OPTOUT_ACTOR`, or the login name.
    func actor() -> String? {
        if let actor = try? value(CommonOptions.actor) { return actor }
        for key in ["LOGNAME", "USER"] {
            if let name = context.environment[key], !name.isEmpty { return name }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return nil
    }

    /// Opens the database named by `--db`, `OPTOUT_DB` or the default path.
    func openStore(readOnlyAllowed: Bool = false) throws(OptOutError) -> OptOutStore {
        let path = try DatabaseLocation.resolve(explicit: arguments.value(CommonOptions.db.spec.name), environment: context.environment)
        var timeout: Int32 = 5000
        if let text = context.environment["OPTOUT_BUSY_TIMEOUT_MS"], !text.isEmpty {
            guard let parsed = Int32(text), parsed >= 0 else {
                throw OptOutError(.usage, "OPTOUT_BUSY_TIMEOUT_MS must be a whole number of milliseconds")
            }
            timeout = parsed
        }
        return try OptOutStore(path: path, busyTimeout: timeout, allowReadOnly: readOnlyAllowed)
    }

    // MARK: - Shared readings

    /// `--since` and `--until`: a half-open range `[since, until)`; an end before the start is a usage error.
    func timeRange() throws(OptOutError) -> (since: Timestamp?, until: Timestamp?) {
        let since = try value(CommonOptions.since)
        let until = try value(CommonOptions.until)
        try Timestamp.checkRange(since: since, until: until)
        return (since, until)
    }

    /// `--status`, repeatable and comma-separated: every status named.
    func statuses() throws(OptOutError) -> Set<Status> {
        try values(CommonOptions.statuses).reduce(into: []) { $0.formUnion($1) }
    }

    /// The phone normaliser from `--default-country` (or `OPTOUT_DEFAULT_COUNTRY`, or the stored
    /// setting) and `--whatsapp-ids`.
    func normalizer(store: OptOutStore?) throws(OptOutError) -> PhoneNormalizer {
        var region = try value(CommonOptions.defaultCountry)
        if region == nil, let store {
            let stored = try store.read { transaction in try transaction.setting(Settings.defaultCountry) }
            region = Region(code: stored)
        }
        return PhoneNormalizer(defaultRegion: region, whatsAppIDs: flag(CommonOptions.whatsAppIDs))
    }
}
