/// A number's status in every scope and its whole event history (`optout show`).
public struct NumberHistory: Sendable {
    /// One scope's view of the number.
    public struct ScopeHistory: Sendable {
        public var scope: String
        /// The entry, nil when the scope has only events (a `review`) for the number.
        public var entry: Entry?
        public var events: [Event]

        public var status: Status { entry?.status ?? .active }
    }

    public var number: PhoneNumber
    public var scopes: [ScopeHistory]
}

extension OptOutStore {
    /// Everything recorded about `number` (under any of its forms), scope by scope.
    public func history(of number: PhoneNumber) throws(OptOutError) -> NumberHistory {
        try read { transaction in
            let key = number.matchKey
            let entries = try transaction.entries(matchKey: key)
            let events = try transaction.events(scope: nil, matchKey: key)
            let scopeNames = Set(entries.map(\.scope)).union(events.map(\.scope)).sorted()
            return NumberHistory(
                number: number,
                scopes: scopeNames.map { name in
                    .init(
                        scope: name, entry: entries.first { $0.scope == name },
                        events: events.filter { $0.scope == name })
                })
        }
    }
}
