import OptOutCore

/// A named option as the parser and the help see it: a flag (no value) or one taking a value.
///
/// Made by the typed declarations `Option` and `Flag`, never written by hand, so that the name, the
/// allowed values, the default and the environment variable are said once and drive parsing,
/// validation, help and the value a command reads.
struct OptionSpec: Sendable {
    /// The long name without dashes: `dry-run`.
    var name: String
    var short: Character? = nil
    /// The value's placeholder (`path`), nil for a flag.
    var valueName: String? = nil
    var help: String
    /// May be given more than once (`--status blocked --status opted-out`).
    var repeatable = false
    /// The environment variable that supplies the value when the option is not given.
    var environment: String? = nil
    /// The words the value may be, for help (nil: any value the check accepts).
    var allowedValues: [String]? = nil
    /// The default as help shows it (nil: none worth showing).
    var defaultText: String? = nil
    /// Checks one given value; throws the usage error for a value the option does not take.
    var check: @Sendable (String) throws(OptOutError) -> Void = { _ throws(OptOutError) in }

    var isFlag: Bool { valueName == nil }

    /// `-h, --help`, `--file <path>`.
    var label: String {
        var text = short.map { "-\($0), " } ?? ""
        text += "--\(name)"
        if let valueName { text += " <\(valueName)>" }
        return text
    }

    /// The help text with the allowed values, the default and the environment variable.
    var fullHelp: String {
        var text = help
        if let allowedValues { text += " One of: \(allowedValues.joined(separator: ", "))." }
        if let defaultText { text += " (default: \(defaultText))" }
        if let environment { text += " (env: \(environment))" }
        return text
    }

    static let help = Flag(name: "help", short: "h", help: "Show help information.").spec
    static let version = Flag(name: "version", help: "Show the version.").spec
}
