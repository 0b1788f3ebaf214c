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

    /// The field `name`, computed by an SQL expression over the row's columns.
    init(_ name: String, expression: String, _ encoding: Encoding) {
        self.name = name
        self.column = expression
        self.encoding = encoding
    }

    // MARK: - Identifiers

    /// The `number` column split by kind (contract §5: `number`, `user_id`, `parent_user_id`): numbers
    /// are stored as `+…`, user ids as `CC.…`, parent user ids as `CC.ENT.…`.
    static func identifierFields(table: String) -> (number: StoredField, userID: StoredField, parentUserID: StoredField) {
        let column = "\(table).number"
        return (
            StoredField("number", expression: "CASE WHEN substr(\(column), 1, 1) = '+' THEN \(column) END", .text),
            StoredField(
                "user_id", expression: "CASE WHEN substr(\(column), 1, 1) != '+' AND substr(\(column), 4, 4) != 'ENT.' THEN \(column) END",
                .text),
            StoredField(
                "parent_user_id", expression: "CASE WHEN substr(\(column), 1, 1) != '+' AND substr(\(column), 4, 4) = 'ENT.' THEN \(column) END",
                .text))
    }

    /// Every identifier of the entry's subject, itself included, space-separated in text order, when
    /// it is linked to others; NULL otherwise (contract §5 `identifiers`).
    static let linkedIdentifiers = StoredField("identifiers", expression: linkedIdentifiersSQL, .text)

    static let linkedIdentifiersSQL = """
        (SELECT group_concat(identifier, ' ') FROM (SELECT i.identifier FROM identifiers i \
        WHERE i.scope = entries.scope AND i.subject = (SELECT j.subject FROM identifiers j \
        WHERE j.scope = entries.scope AND j.match_key = entries.match_key) ORDER BY i.identifier))
        """
}
