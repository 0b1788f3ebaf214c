/// What a cursor run is about to deliver: the events after the cursor's position up to the newest one
/// recorded when the export's snapshot began (in the export's scope).
public struct ExportBatch: Sendable, Equatable {
    /// The cursor's position: the last event an earlier run delivered (0 for a new cursor).
    public var cursorAt: Int64
    /// The newest event id in the snapshot: where the cursor moves once the batch is delivered.
    public var throughEventID: Int64
    /// The first and last event ids the batch holds, nil when it holds none.
    public var firstEventID: Int64?
    public var lastEventID: Int64?
    /// How many events the batch holds.
    public var count: Int

    public init(cursorAt: Int64, throughEventID: Int64, firstEventID: Int64?, lastEventID: Int64?, count: Int) {
        self.cursorAt = cursorAt
        self.throughEventID = throughEventID
        self.firstEventID = firstEventID
        self.lastEventID = lastEventID
        self.count = count
    }
}
