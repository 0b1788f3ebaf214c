/// A subject's status in every scope and its whole event history (`optout show`).
public struct NumberHistory: Sendable {
    /// One scope's view of the subject.
    public struct ScopeHistory: Sendable {
        public var scope: String
        /// Every identifier of the subject in this scope (the one asked for and those linked to it).
        public var identifiers: [Identifier]
        /// The entry, nil when the scope has only events (a `review`) for the subject.
        public var entry: Entry?
        /// The events under any of `identifiers`, in the order they were recorded.
        public var events: [Event]

        public var status: Status { entry?.status ?? .active }
    }

    /// The identifier asked about.
    public var identifier: Identifier
    public var scopes: [ScopeHistory]

    /// Every identifier of the subject in any scope, in order.
    public var identifiers: [Identifier] {
        Array(Set(scopes.flatMap(\.identifiers) + [identifier])).sorted()
    }
}

extension OptOutStore {
    /// Everything recorded about `identifier` (a number under any of its forms, or a user id) and the
    /// identifiers linked to it, scope by scope.
    public func history(of identifier: Identifier) throws(OptOutError) -> NumberHistory {
        try read { transaction in
            let key = identifier.matchKey
            let entries = try transaction.entries(matchKey: key)
            let events = try transaction.events(scope: nil, matchKey: key)
            let scopeNames = Set(entries.map(\.scope)).union(events.map(\.scope)).sorted()
            var scopes: [NumberHistory.ScopeHistory] = []
            for name in scopeNames {
                let members = try transaction.subjectIdentifiers(scope: name, of: identifier)
                var scopeEvents: [Event]
                if members == [identifier] {
                    // Not linked here (most numbers): its events in this scope are those already read,
                    // in id order.
                    scopeEvents = events.filter { $0.scope == name }
                } else {
                    scopeEvents = []
                    for member in members { scopeEvents += try transaction.events(scope: name, matchKey: member.matchKey) }
                    var seen = Set<Int64>()
                    scopeEvents = scopeEvents.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
                }
                scopes.append(.init(
                    scope: name, identifiers: members, entry: entries.first { $0.scope == name }, events: scopeEvents))
            }
            return NumberHistory(identifier: identifier, scopes: scopes)
        }
    }
}
