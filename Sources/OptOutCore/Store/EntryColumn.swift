/// The columns of `entries`, the current state of each (scope, person): see `Schema` and
/// Docs/storage.md. Saving an entry and reading one both go through `value(of:)` and `decode(_:)`.
enum EntryColumn: Int32, TableColumn {
    case scope, matchKey, number
    case consent, consentAt, consentSource
    case blocked, blockedAt, blockedSource
    case marketingStopped, marketingAt, marketingSource
    case status, changedAt, actor, reason
    case reviewPending, reviewAt, reviewSource

    var name: String {
        switch self {
        case .scope: "scope"
        case .matchKey: "match_key"
        case .number: "number"
        case .consent: "consent"
        case .consentAt: "consent_at"
        case .consentSource: "consent_source"
        case .blocked: "blocked"
        case .blockedAt: "blocked_at"
        case .blockedSource: "blocked_source"
        case .marketingStopped: "marketing_stopped"
        case .marketingAt: "marketing_at"
        case .marketingSource: "marketing_source"
        case .status: "status"
        case .changedAt: "changed_at"
        case .actor: "actor"
        case .reason: "reason"
        case .reviewPending: "review_pending"
        case .reviewAt: "review_at"
        case .reviewSource: "review_source"
        }
    }

    static let selectList = list(allCases)

    /// The value stored in this column for `entry`.
    func value(of entry: Entry) -> SQLValue {
        switch self {
        case .scope: .text(entry.scope)
        case .matchKey: .integer(Int64(bitPattern: entry.identifier.matchKey))
        case .number: .text(entry.identifier.text)
        case .consent: .optional(entry.consent.value?.rawValue)
        case .consentAt: .optional(entry.consent.at?.milliseconds)
        case .consentSource: .optional(entry.consent.source?.rawValue)
        case .blocked: .integer(entry.blocked.value ? 1 : 0)
        case .blockedAt: .optional(entry.blocked.at?.milliseconds)
        case .blockedSource: .optional(entry.blocked.source?.rawValue)
        case .marketingStopped: .integer(entry.marketingStopped.value ? 1 : 0)
        case .marketingAt: .optional(entry.marketingStopped.at?.milliseconds)
        case .marketingSource: .optional(entry.marketingStopped.source?.rawValue)
        case .status: .text(entry.status.rawValue)
        case .changedAt: .integer(entry.changedAt.milliseconds)
        case .actor: .optional(entry.actor)
        case .reason: .optional(entry.reason)
        case .reviewPending: .integer(entry.reviewPending.value ? 1 : 0)
        case .reviewAt: .optional(entry.reviewPending.at?.milliseconds)
        case .reviewSource: .optional(entry.reviewPending.source?.rawValue)
        }
    }

    /// `UPDATE` of the columns outside the key, bound in `updateOrder` (the key last): an index whose
    /// columns it does not set, such as the identifier's, is left as it is, where a replacement
    /// deletes and inserts the row in every index.
    static let update = SQLQuery(
        "UPDATE entries SET \(commaSeparated(settable) { "\($0.name) = ?" }) WHERE scope = ? AND match_key = ?")

    /// The columns `update` sets, then its key.
    static let updateOrder = settable + [.scope, .matchKey]

    private static let settable = allCases.filter { $0 != .scope && $0 != .matchKey }

    /// `INSERT OR REPLACE` of every column.
    static let upsert = SQLQuery(
        "INSERT OR REPLACE INTO entries (\(selectList)) VALUES (\(placeholders(allCases)))")

    /// The entry of one key in one scope.
    static let selectByKey = SQLQuery("SELECT \(selectList) FROM entries WHERE scope = ? AND match_key = ?")

    /// The values `selectByKey` is bound to.
    static func key(scope: String, matchKey: UInt64) -> [SQLValue] { [.text(scope), .integer(Int64(bitPattern: matchKey))] }

    /// The column holding the source of the fact that decides `status`, as `Entry.statusSource` reads
    /// it from the facts; nil when active. (`EntrySummaryTests` checks the two agree.)
    static func sourceColumn(deciding status: Status) -> EntryColumn? {
        switch status {
        case .blocked: .blockedSource
        case .optedOut, .optedIn: .consentSource
        case .marketingStopped: .marketingSource
        case .reviewPending: .reviewSource
        case .active: nil
        }
    }

    /// The stored names of consents and sources.
    static let consents = NameTable<Consent>()
    static let sources = NameTable<Source>()

    /// The entry in a row selected with `selectList`.
    static func decode(_ row: Row) throws(OptOutError) -> Entry {
        guard let identifier = Identifier(stored: row.textBytes(EntryColumn.number)) else {
            throw OptOutError(.internal, "stored identifier is neither E.164 nor a BSUID")
        }
        var entry = Entry(
            scope: row.text(EntryColumn.scope), identifier: identifier,
            changedAt: Timestamp(milliseconds: row.int64(EntryColumn.changedAt)))
        entry.consent = FactRecord(
            value: row.name(EntryColumn.consent, in: EntryColumn.consents),
            at: row.optionalTime(EntryColumn.consentAt),
            source: row.name(EntryColumn.consentSource, in: EntryColumn.sources))
        entry.blocked = FactRecord(
            value: row.int64(EntryColumn.blocked) != 0, at: row.optionalTime(EntryColumn.blockedAt),
            source: row.name(EntryColumn.blockedSource, in: EntryColumn.sources))
        entry.marketingStopped = FactRecord(
            value: row.int64(EntryColumn.marketingStopped) != 0, at: row.optionalTime(EntryColumn.marketingAt),
            source: row.name(EntryColumn.marketingSource, in: EntryColumn.sources))
        entry.reviewPending = FactRecord(
            value: row.int64(EntryColumn.reviewPending) != 0, at: row.optionalTime(EntryColumn.reviewAt),
            source: row.name(EntryColumn.reviewSource, in: EntryColumn.sources))
        entry.actor = row.optionalText(EntryColumn.actor)
        entry.reason = row.optionalText(EntryColumn.reason)
        return entry
    }
}
