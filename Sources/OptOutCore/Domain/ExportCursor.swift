/// A cursor's position in the event log.
public struct ExportCursor: Sendable, Equatable {
    public var name: String
    /// The id of the last event exported; 0 before the first export.
    public var lastEventID: Int64
    /// When the cursor last moved (or was last used), nil for a cursor never used.
    public var updatedAt: Timestamp?
    /// Events recorded after `lastEventID`: what the next export with this cursor would hold
    /// (before filtering by scope).
    public var pendingEvents: Int64

    public init(name: String, lastEventID: Int64, updatedAt: Timestamp?, pendingEvents: Int64) {
        self.name = name
        self.lastEventID = lastEventID
        self.updatedAt = updatedAt
        self.pendingEvents = pendingEvents
    }
}
