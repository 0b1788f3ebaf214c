/// A column of one of the store's tables, declared once: a case per column, in the order of the
/// table's SELECT list, so that statements and decoding are both made from the declaration and a
/// row is read by column name rather than by a position written by hand.
protocol TableColumn: CaseIterable, RawRepresentable where RawValue == Int32, AllCases == [Self] {
    /// The column's name in SQL.
    var name: String { get }
    /// Every column, comma-separated: the SELECT list whose positions are the cases' raw values.
    /// A stored constant (`static let selectList = list(allCases)`): statements are cached by their
    /// text, so it must not be rebuilt per query.
    static var selectList: String { get }
}

extension TableColumn {
    /// The given columns, comma-separated.
    static func list(_ columns: [Self]) -> String { commaSeparated(columns) { $0.name } }

    /// One `?` for each of the given columns, comma-separated: the VALUES list of an INSERT of them.
    static func placeholders(_ columns: [Self]) -> String { commaSeparated(columns) { _ in "?" } }

    /// Every column qualified by a table alias (`e.id, e.scope, …`), for a SELECT over a join.
    static func selectList(qualifiedBy alias: String) -> String { commaSeparated(allCases) { alias + "." + $0.name } }

    /// `text` of each column, separated by ", ". Appended here rather than with `joined(separator:)`,
    /// which is reached unspecialised from these generic functions: its first call looked up protocol
    /// conformances, 110 k instructions of every run that prepares a statement.
    static func commaSeparated(_ columns: [Self], _ text: (Self) -> String) -> String {
        var list = ""
        for (index, column) in columns.enumerated() {
            if index > 0 { list += ", " }
            list += text(column)
        }
        return list
    }
}

extension Row {
    /// The column's text ("" for NULL), in a row selected with `Column.selectList`.
    func text<Column: TableColumn>(_ column: Column) -> String { text(column.rawValue) }
    func optionalText<Column: TableColumn>(_ column: Column) -> String? { optionalText(column.rawValue) }
    func int64<Column: TableColumn>(_ column: Column) -> Int64 { int64(column.rawValue) }
    func optionalInt64<Column: TableColumn>(_ column: Column) -> Int64? { optionalInt64(column.rawValue) }
    func optionalTime<Column: TableColumn>(_ column: Column) -> Timestamp? {
        optionalInt64(column.rawValue).map(Timestamp.init(milliseconds:))
    }
    /// The column's UTF-8 bytes without copying (empty for NULL); valid until the row steps.
    func textBytes<Column: TableColumn>(_ column: Column) -> UnsafeRawBufferPointer { textBytes(column.rawValue) }
    /// The case the column names (nil for NULL or a name `names` does not have), read from its bytes.
    func name<Column: TableColumn, Name>(_ column: Column, in names: NameTable<Name>) -> Name? {
        names.name(textBytes(column))
    }
}
