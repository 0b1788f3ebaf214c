import OptOutCore

/// The options every subcommand takes (contract §5), and the ones several commands share, each
/// declared once.
enum CommonOptions {
    // MARK: - Every subcommand

    static let db = Option<String?>.text(
        "db", valueName: "path",
        help: "The database file (default: $XDG_DATA_HOME/optout/optout.sqlite or ~/.local/share/optout/optout.sqlite).",
        environment: "OPTOUT_DB")
    static let scope = Option<String>(
        name: "scope", valueName: "name", help: "The list to use: a brand, sub-account or sending line.",
        environment: "OPTOUT_SCOPE", defaultText: "default", defaultValue: "default"
    ) { text throws(OptOutError) in
        guard !text.isEmpty, text.utf8.count <= 200, !text.utf8.contains(where: { $0 < 0x20 }) else {
            throw OptOutError(.usage, "--scope must be a non-empty name without control characters")
        }
        return text
    }
    static let actor = Option<String?>.text(
        "actor", valueName: "name", help: "Who is making the change, for the event log (default: your login name).",
        environment: "OPTOUT_ACTOR")

    /// The three, in help order.
    static let specs = [db.spec, scope.spec, actor.spec]

    // MARK: - Shared by several commands

    static let defaultCountry = Option<Region?>(
        name: "default-country", valueName: "region",
        help: "ISO region for national numbers, e.g. US, MX, BR (default: the default-country setting).",
        environment: "OPTOUT_DEFAULT_COUNTRY", defaultValue: nil
    ) { text throws(OptOutError) in
        guard let region = Region(code: text) else {
            throw OptOutError(.usage, "--default-country '\(text)' is not a known ISO region such as US, MX, BR")
        }
        return region
    }
    static let whatsAppIDs = Flag(
        name: "whatsapp-ids", help: "Read bare digits as WhatsApp ids: international numbers without the '+'.")
    static let numbersFile = Option<String?>.text(
        "file", valueName: "path",
        help: "Also read numbers from a file ('-' for standard input): one a line, or a CSV with a phone column.")
    static let encoding = Option<TextEncoding>.choice(
        "encoding", valueName: "name",
        help: "The input file's encoding: utf-8 (checked), or windows-1252 as Excel on Windows writes CSV.", default: .utf8)
    static let reason = Option<String?>.text("reason", valueName: "text", help: "Why, for the event log.")
    static let atColumn = Option<String?>.text(
        "at-column", valueName: "name",
        help: "With a --file CSV: take each row's time from this column (a list moved in from another tool keeps its dates; recorded as an import, which never lowers a suppression).")
    static let dryRun = Flag(name: "dry-run", help: "Show what would change; change nothing.")
    static let verbose = Flag(
        name: "verbose", help: "With --file: also print one line per number (numbers given as arguments always get theirs).")
    static let skipInvalid = Flag(
        name: "skip-invalid", help: "Apply the valid numbers even when some are invalid (they are still reported).")
    static let category = Option<OptOutCore.Category>.choice(
        "category", valueName: "category", help: "The message category.", default: .marketing)
    static let requireOptIn = Flag(name: "require-opt-in", help: "Marketing also needs an explicit opt-in.")
    static let since = Option<Timestamp?>.time(
        "since", help: "Changed at or after this time (YYYY-MM-DD, ISO 8601 with Z or an offset, Unix seconds).")
    static let until = Option<Timestamp?>.time("until", help: "Changed before this time.")
    static let statuses = Option<Set<Status>>(
        name: "status", valueName: "status", help: "Only this status; repeatable, or comma-separated.",
        repeatable: true, allowedValues: Status.allCases.map(\.rawValue), defaultValue: []
    ) { text throws(OptOutError) in
        var result: Set<Status> = []
        for name in text.split(separator: ",") {
            guard let status = Status(rawValue: String(name)) else {
                throw OptOutError(
                    .usage,
                    "--status must be one of \(Status.allCases.map(\.rawValue).joined(separator: ", ")); got '\(name)'")
            }
            result.insert(status)
        }
        return result
    }

    /// The options that read phone numbers.
    static let numberReading = [defaultCountry.spec, whatsAppIDs.spec]
}
