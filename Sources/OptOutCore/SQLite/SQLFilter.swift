/// A WHERE clause built from optional conditions, with its bound values in order.
public struct SQLFilter: Sendable {
    private var conditions: [String] = []
    /// The values for the `?` placeholders, in order.
    public private(set) var values: [SQLValue] = []

    public init() {}

    /// Adds `condition`, with `?` placeholders for `values`.
    public mutating func add(_ condition: String, _ values: SQLValue...) { add(condition, values: values) }

    /// Adds `condition` with an array of values.
    public mutating func add(_ condition: String, values: [SQLValue]) {
        conditions.append(condition)
        self.values += values
    }

    /// Adds `column >= since` and `column < until` for the half-open range, where given.
    public mutating func add(range column: String, since: Timestamp?, until: Timestamp?) {
        if let since { add("\(column) >= ?", .integer(since.milliseconds)) }
        if let until { add("\(column) < ?", .integer(until.milliseconds)) }
    }

    /// ` WHERE a AND b`, or "" when there is no condition.
    public var clause: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }
}
