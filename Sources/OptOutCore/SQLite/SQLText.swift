/// What a statement can be prepared from: SQL text (cached by the text) or an `SQLQuery` (by its slot).
public protocol SQLText {
    /// The connection's prepared statement for this SQL.
    func statement(in database: Database) throws(DatabaseError) -> Statement
}

extension String: SQLText {
    public func statement(in database: Database) throws(DatabaseError) -> Statement { try database.statement(self) }
}

extension SQLQuery: SQLText {
    public func statement(in database: Database) throws(DatabaseError) -> Statement { try database.statement(self) }
}
