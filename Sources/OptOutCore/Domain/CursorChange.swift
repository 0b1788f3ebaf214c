/// One audited change of an export cursor (`cursor_changes`): a run that delivered a batch, a rewind
/// or a deletion, with who and when.
public struct CursorChange: Sendable, Equatable {
    /// What was done.
    public enum Action: String, Sendable, CaseIterable {
        case export
        case rewind
        case delete
    }

    /// Why a cursor moves, with what a delivery wrote.
    public enum Reason: Sendable, Equatable {
        case export(records: Int, file: String?)
        case rewind
        case delete

        public var action: Action {
            switch self {
            case .export: .export
            case .rewind: .rewind
            case .delete: .delete
            }
        }
    }

    public var id: Int64
    public var action: Action
    /// The position before and after (nil after a deletion).
    public var from: Int64?
    public var to: Int64?
    /// For a delivery: how many events, and the file they went to (nil for standard output).
    public var records: Int64?
    public var file: String?
    public var at: Timestamp
    public var actor: String?
    public var osUser: String?

    public init(
        id: Int64, action: Action, from: Int64?, to: Int64?, records: Int64?, file: String?, at: Timestamp, actor: String?,
        osUser: String?
    ) {
        self.id = id
        self.action = action
        self.from = from
        self.to = to
        self.records = records
        self.file = file
        self.at = at
        self.actor = actor
        self.osUser = osUser
    }
}
