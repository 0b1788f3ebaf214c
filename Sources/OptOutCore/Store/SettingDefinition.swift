/// A setting stored in the database (`optout config`), with its default and its check.
public struct SettingDefinition: Sendable {
    /// The key people type, e.g. `opt-out-applies-to`.
    public var key: String
    /// The value used while the setting is not set, made when asked for: a run that finds the setting
    /// stored, or reads the built-in value some cheaper way (the keyword lists), never formats it.
    public var defaultValue: String { makeDefaultValue() }
    private let makeDefaultValue: @Sendable () -> String
    /// One line for `config list` and the docs, made when asked for.
    public var summary: String { makeSummary() }
    private let makeSummary: @Sendable () -> String
    /// Returns the value to store (normalised), or throws a usage error saying what is allowed.
    public var validate: @Sendable (String) throws(OptOutError) -> String

    public init(
        key: String, defaultValue: @autoclosure @escaping @Sendable () -> String,
        summary: @autoclosure @escaping @Sendable () -> String,
        validate: @escaping @Sendable (String) throws(OptOutError) -> String
    ) {
        self.key = key
        self.makeDefaultValue = defaultValue
        self.makeSummary = summary
        self.validate = validate
    }
}

extension SettingDefinition {
    /// A setting that is one of a few words (case-insensitive, stored lower-case); the first is the default.
    static func choice(key: String, _ words: [String], summary: String) -> SettingDefinition {
        SettingDefinition(key: key, defaultValue: words[0], summary: summary) { value throws(OptOutError) in
            let lowered = value.lowercased()
            guard words.contains(lowered) else {
                let allowed = words.map { "'\($0)'" }.joined(separator: " or ")
                throw OptOutError(.usage, "\(key) must be \(allowed), not '\(value)'")
            }
            return lowered
        }
    }
}
