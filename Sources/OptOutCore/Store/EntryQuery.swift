/// Which entries to read.
public struct EntryQuery: Sendable, Equatable {
    /// One scope, or nil for every scope.
    public var scope: String?
    /// Statuses to include; empty means all.
    public var statuses: Set<Status>
    /// Half-open range `[since, until)` on change time.
    public var since: Timestamp?
    public var until: Timestamp?
    /// Newest change first (for people) or oldest first (for exports).
    public var newestFirst: Bool
    public var limit: Int?

    public init(
        scope: String?, statuses: Set<Status> = [], since: Timestamp? = nil, until: Timestamp? = nil,
        newestFirst: Bool = true, limit: Int? = nil
    ) {
        self.scope = scope
        self.statuses = statuses
        self.since = since
        self.until = until
        self.newestFirst = newestFirst
        self.limit = limit
    }

    /// The SELECT of `columns` for this query, ordered by change time then number (served by
    /// the `entries_by_change` indexes, so no sort), with its values.
    func select(_ columns: String) -> (String, [SQLValue]) {
        let filter = filter()
        var values = filter.values
        let direction = newestFirst ? "DESC" : "ASC"
        var sql = "SELECT \(columns) FROM entries\(filter.clause) ORDER BY changed_at \(direction), number \(direction)"
        if let limit {
            sql += " LIMIT ?"
            values.append(.integer(Int64(limit)))
        }
        return (sql, values)
    }

    /// The WHERE clause and its values.
    func filter() -> SQLFilter {
        var filter = SQLFilter()
        if let scope { filter.add("scope = ?", .text(scope)) }
        if !statuses.isEmpty {
            let ordered = Status.allCases.filter(statuses.contains)
            filter.add(
                "status IN (\(ordered.map { _ in "?" }.joined(separator: ", ")))",
                values: ordered.map { .text($0.rawValue) })
        }
        filter.add(range: "changed_at", since: since, until: until)
        return filter
    }
}
