/// Which events to read for an export: a scope or all, a half-open range of event time, or the events
/// after a cursor's position up to a high-water mark.
public struct EventQuery: Sendable, Equatable {
    /// One scope, or nil for every scope.
    public var scope: String?
    /// Half-open range `[since, until)` on event time.
    public var since: Timestamp?
    public var until: Timestamp?
    /// Ids in `(after, through]`, for cursor feeds.
    public var ids: (after: Int64, through: Int64)?

    public init(scope: String?, since: Timestamp? = nil, until: Timestamp? = nil, ids: (after: Int64, through: Int64)? = nil) {
        self.scope = scope
        self.since = since
        self.until = until
        self.ids = ids
    }

    public static func == (lhs: EventQuery, rhs: EventQuery) -> Bool {
        lhs.scope == rhs.scope && lhs.since == rhs.since && lhs.until == rhs.until
            && lhs.ids?.after == rhs.ids?.after && lhs.ids?.through == rhs.ids?.through
    }

    /// The SELECT of `columns`, ordered by event time, number, id; `events_by_time (at, id)` gives the
    /// order of `at`, so SQLite sorts only runs of equal times (bounded memory).
    func select(_ columns: String) -> (String, [SQLValue]) {
        var filter = SQLFilter()
        if let (after, through) = ids { filter.add("id > ? AND id <= ?", .integer(after), .integer(through)) }
        filter.add(range: "at", since: since, until: until)
        if let scope { filter.add("scope = ?", .text(scope)) }
        return ("SELECT \(columns) FROM events\(filter.clause) ORDER BY at, number, id", filter.values)
    }
}
