/// One scope as `optout scopes` lists it.
public struct ScopeSummary: Sendable, Equatable {
    public var name: String
    /// Entries (people with any fact on record) and events in the scope.
    public var entries: Int64 = 0
    public var events: Int64 = 0
    /// Settings stored in the scope itself.
    public var settings: Int64 = 0
    /// When anything in the scope last changed (an event recorded or a setting changed), nil for none.
    public var lastChange: Timestamp? = nil
}
