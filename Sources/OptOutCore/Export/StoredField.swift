/// One output field read from one database column.
public struct StoredField: Sendable, Equatable {
    /// How the column's value is written.
    public enum Encoding: Sendable, Equatable {
        /// TEXT as it is; NULL is an empty CSV field or JSON `null`.
        case text
        /// INTEGER milliseconds as ISO 8601 UTC (`Timestamp.iso8601`); NULL as above.
        case timestamp
        /// INTEGER 0/1 as `false`/`true`.
        case boolean
        /// INTEGER as decimal digits.
        case integer
    }

    /// The output key (snake_case, stable).
    public let name: String
    /// The column name in the table.
    public let column: String
    public let encoding: Encoding

    /// The field `name`, read from a column of the store's tables.
    init<Column: TableColumn>(_ name: String, _ column: Column, _ encoding: Encoding) {
        self.name = name
        self.column = column.name
        self.encoding = encoding
    }
}
