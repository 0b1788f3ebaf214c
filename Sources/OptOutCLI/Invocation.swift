import OptOutCore

import OptOutPlatform

/// One run of a command: its parsed arguments and context, with the readings every command shares.
struct Invocation {
    let arguments: ParsedArguments
    let context: CommandContext

    var output: OutputStream { context.standardOutput }

    /// The value of an option, falling back to its environment variable.
    func value(_ name: String, environment: String? = nil) -> String? {
        if let given = arguments.value(name) { return given }
        if let environment, let fromEnvironment = context.environment[environment], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return nil
    }

    func flag(_ name: String) -> Bool { arguments.flag(name) }

    // MARK: - Common options

    /// `--scope`, `OPTOUT_SCOPE`, or `default`.
    func scope() throws(OptOutError) -> String {
        let scope = value("scope", environment: "OPTOUT_SCOPE") ?? "default"
        guard !scope.isEmpty, scope.utf8.count <= 200, !scope.utf8.contains(where: { $0 < 0x20 }) else {
            throw OptOutError(.usage, "--scope must be a non-empty name without control characters")
        }
        return scope
    }

    /// `--actor`, `OPTOUT_ACTOR`, or the login name.
    func actor() -> String? {
        if let actor = value("actor", environment: "OPTOUT_ACTOR") { return actor }
        for key in ["LOGNAME", "USER"] {
            if let name = context.environment[key], !name.isEmpty { return name }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return nil
    }

    /// Opens the database named by `--db`, `OPTOUT_DB` or the default path.
    func openStore(readOnlyAllowed: Bool = false) throws(OptOutError) -> OptOutStore {
        let path = try DatabaseLocation.resolve(explicit: arguments.value("db"), environment: context.environment)
        var timeout: Int32 = 5000
        if let text = context.environment["OPTOUT_BUSY_TIMEOUT_MS"], !text.isEmpty {
            guard let parsed = Int32(text), parsed >= 0 else {
                throw OptOutError(.usage, "OPTOUT_BUSY_TIMEOUT_MS must be a whole number of milliseconds")
            }
            timeout = parsed
        }
        return try OptOutStore(path: path, busyTimeout: timeout, allowReadOnly: readOnlyAllowed)
    }

    // MARK: - Value readers

    /// An option restricted to a set of words (`--format csv`).
    func choice(_ name: String, _ allowed: [String], default defaultValue: String) throws(OptOutError) -> String {
        guard let given = arguments.value(name) else { return defaultValue }
        guard allowed.contains(given) else {
            throw OptOutError(.usage, "--\(name) must be one of \(allowed.joined(separator: ", ")); got '\(given)'")
        }
        return given
    }

    /// A time option (`--since`): a date, ISO 8601 with zone, or Unix seconds.
    func time(_ name: String) throws(OptOutError) -> Timestamp? {
        guard let text = arguments.value(name) else { return nil }
        guard let time = Timestamp(parsing: text) else {
            throw OptOutError(
                .usage,
                "--\(name) '\(text)' is not a time: use YYYY-MM-DD, ISO 8601 with Z or an offset, or Unix seconds")
        }
        return time
    }

    /// `--since` and `--until`: a half-open range `[since, until)`; an end before the start is a usage error.
    func timeRange() throws(OptOutError) -> (since: Timestamp?, until: Timestamp?) {
        let since = try time("since")
        let until = try time("until")
        try Timestamp.checkRange(since: since, until: until)
        return (since, until)
    }

    /// `--all-scopes` (nil: every scope) or the one scope of `scope()`; both at once is a usage error.
    func scopeSelection() throws(OptOutError) -> String? {
        guard flag("all-scopes") else { return try scope() }
        if arguments.value("scope") != nil {
            throw OptOutError(.usage, "--all-scopes and --scope cannot be used together")
        }
        return nil
    }

    /// A whole-number option (`--limit`).
    func count(_ name: String) throws(OptOutError) -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let number = Int(text), number >= 0 else {
            throw OptOutError(.usage, "--\(name) must be a whole number; got '\(text)'")
        }
        return number
    }

    /// `--category`, default marketing.
    func category() throws(OptOutError) -> OptOutCore.Category {
        let name = try choice("category", OptOutCore.Category.allCases.map(\.rawValue), default: "marketing")
        return OptOutCore.Category(rawValue: name) ?? .marketing
    }

    /// `--status`, repeatable; each must be a status name.
    func statuses() throws(OptOutError) -> Set<Status> {
        var result: Set<Status> = []
        for text in arguments.allValues("status") {
            for name in text.split(separator: ",") {
                guard let status = Status(rawValue: String(name)) else {
                    throw OptOutError(
                        .usage,
                        "--status must be one of \(Status.allCases.map(\.rawValue).joined(separator: ", ")); got '\(name)'")
                }
                result.insert(status)
            }
        }
        return result
    }

    /// The phone normaliser from `--default-country` (or `OPTOUT_DEFAULT_COUNTRY`, or the stored
    /// setting) and `--whatsapp-ids`.
    func normalizer(store: OptOutStore?) throws(OptOutError) -> PhoneNormalizer {
        var code = value("default-country", environment: "OPTOUT_DEFAULT_COUNTRY")
        if code == nil, let store {
            let stored = try store.setting(Settings.defaultCountry)
            code = stored.isEmpty ? nil : stored
        }
        var region: Region?
        if let code {
            guard let found = Region(code: code) else {
                throw OptOutError(.usage, "--default-country '\(code)' is not a known ISO region such as US, MX, BR")
            }
            region = found
        }
        return PhoneNormalizer(defaultRegion: region, whatsAppIDs: flag("whatsapp-ids"))
    }
}

// MARK: - Shared option specs

extension OptionSpec {
    static let defaultCountry = OptionSpec(
        name: "default-country", valueName: "region",
        help: "ISO region for national numbers, e.g. US, MX, BR (default: the default-country setting).",
        environment: "OPTOUT_DEFAULT_COUNTRY")
    static let whatsAppIDs = OptionSpec(
        name: "whatsapp-ids", help: "Read bare digits as WhatsApp ids: international numbers without the '+'.")
    static let numbersFile = OptionSpec(
        name: "file", valueName: "path",
        help: "Also read numbers from a file ('-' for standard input): one a line, or a CSV with a phone column.")
    static let reason = OptionSpec(name: "reason", valueName: "text", help: "Why, for the event log.")
    static let dryRun = OptionSpec(name: "dry-run", help: "Show what would change; change nothing.")
    static let skipInvalid = OptionSpec(
        name: "skip-invalid", help: "Apply the valid numbers even when some are invalid (they are still reported).")
    static let category = OptionSpec(
        name: "category", valueName: "category",
        help: "marketing (default), utility, authentication or service.")
}
