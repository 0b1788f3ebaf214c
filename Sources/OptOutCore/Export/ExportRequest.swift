/// What `optout export` writes: entries or events, which of them, in which format.
public struct ExportRequest: Sendable, Equatable {
    /// Entries (current state) or events (the log).
    public enum Subject: Sendable, Equatable {
        case entries
        case events
    }

    public var subject: Subject
    /// One scope, or nil for every scope (`--all-scopes`).
    public var scope: String?
    /// Entries only: statuses to include; empty means every status, `active` included.
    public var statuses: Set<Status>
    /// Half-open range `[since, until)` on change time (`changed_at` for entries, `at` for events).
    public var since: Timestamp?
    public var until: Timestamp?
    public var format: RecordFormat
    /// Events only: the name of a resumable cursor; the export holds exactly the events recorded
    /// since the last successful export with this name.
    public var cursor: String?

    /// Parts of a request that do not fit together.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// Statuses belong to entries; events have actions.
        case statusesWithEvents
        /// A cursor follows the event log, not the entries.
        case cursorWithEntries
        /// A cursor decides the range itself.
        case cursorWithRange
        /// A cursor name must be 1 to 200 characters without control characters.
        case badCursorName

        public var description: String {
            switch self {
            case .statusesWithEvents: "statuses apply to entries; events have actions, not statuses"
            case .cursorWithEntries: "a cursor follows the event log, so it needs an export of events"
            case .cursorWithRange: "a cursor export cannot also have a time range: the cursor decides the range"
            case .badCursorName: "a cursor name must be 1 to 200 characters without control characters"
            }
        }
    }

    public init(
        subject: Subject, scope: String?, statuses: Set<Status> = [], since: Timestamp? = nil,
        until: Timestamp? = nil, format: RecordFormat = .csv, cursor: String? = nil
    ) {
        self.subject = subject
        self.scope = scope
        self.statuses = statuses
        self.since = since
        self.until = until
        self.format = format
        self.cursor = cursor
    }
}
