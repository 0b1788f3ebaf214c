// MARK: - Values

/// A value bound to a statement parameter.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)

    /// `text` for a present string, `null` for nil.
    public static func optional(_ string: String?) -> SQLValue { string.map(SQLValue.text) ?? .null }
    /// `integer` for a present number, `null` for nil.
    public static func optional(_ value: Int64?) -> SQLValue { value.map(SQLValue.integer) ?? .null }
}
