/// Where a setting's value in a scope comes from: settings are per scope and inherit the `default`
/// scope's values (contract §5).
public enum SettingSource: String, Sendable, Equatable {
    /// Set in this scope.
    case scope
    /// Set in the `default` scope, which this scope inherits.
    case defaultScope = "default-scope"
    /// Not set anywhere: the built-in default.
    case builtIn = "built-in"
}
