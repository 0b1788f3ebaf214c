/// A setting stored in the database (`optout config`), with its default and its check.
public struct SettingDefinition: Sendable {
    /// The key people type, e.g. `opt-out-applies-to`.
    public var key: String
    /// The value used while the setting is not set.
    public var defaultValue: String
    /// One line for `config list` and the docs.
    public var summary: String
    /// Returns the value to store (normalised), or throws a usage error saying what is allowed.
    public var validate: @Sendable (String) throws(OptOutError) -> String

    public init(
        key: String, defaultValue: String, summary: String,
        validate: @escaping @Sendable (String) throws(OptOutError) -> String
    ) {
        self.key = key
        self.defaultValue = defaultValue
        self.summary = summary
        self.validate = validate
    }
}
