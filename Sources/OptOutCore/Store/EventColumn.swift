/// The columns of `events`, the append-only log: see `Schema` and Docs/storage.md. Appending an event
/// and reading one both go through this declaration.
enum EventColumn: Int32, TableColumn {
    case id, scope, matchKey, number, action, source, at, recordedAt, actor, reason
    case messageID, messageText, keyword, applied, claimedAt, osUser
    case layer, rule, proposed, targetEvent, linkedIdentifier

    var name: String {
        switch self {
        case .id: "id"
        case .scope: "scope"
        case .matchKey: "match_key"
        case .number: "number"
        case .action: "action"
        case .source: "source"
        case .at: "at"
        case .recordedAt: "recorded_at"
        case .actor: "actor"
        case .reason: "reason"
        case .messageID: "message_id"
        case .messageText: "message_text"
        case .keyword: "keyword"
        case .applied: "applied"
        case .claimedAt: "claimed_at"
        case .osUser: "os_user"
        case .layer: "layer"
        case .rule: "rule"
        case .proposed: "proposed"
        case .targetEvent: "target_event"
        case .linkedIdentifier: "linked_identifier"
        }
    }

    static let selectList = list(allCases)

    /// The columns an appended event gives (the id is assigned by SQLite).
    static let appended = allCases.filter { $0 != .id }

    /// `INSERT` of every column but the id; values from `value(of:…)` in `appended` order.
    static let insert = SQLQuery(
        "INSERT INTO events (\(list(appended))) VALUES (\(placeholders(appended)))")

    /// The value stored in this column for a new event, as `WriteTransaction.record` appends it.
    func value(of event: NewEvent, recordedAt: Timestamp, applied: Bool, claimedAt: Timestamp?, osUser: String?) -> SQLValue {
        switch self {
        case .id: .null
        case .scope: .text(event.scope)
        case .matchKey: .integer(Int64(bitPattern: event.identifier.matchKey))
        case .number: .text(event.identifier.text)
        case .action: .text(event.action.rawValue)
        case .source: .text(event.source.rawValue)
        case .at: .integer(event.at.milliseconds)
        case .recordedAt: .integer(recordedAt.milliseconds)
        case .actor: .optional(event.actor)
        case .reason: .optional(event.reason)
        case .messageID: .optional(event.messageID)
        case .messageText: .optional(event.messageText)
        case .keyword: .optional(event.keyword)
        case .applied: .integer(applied ? 1 : 0)
        case .claimedAt: .optional(claimedAt?.milliseconds)
        case .osUser: .optional(osUser)
        case .layer: .optional(event.layer?.rawValue)
        case .rule: .optional(event.rule)
        case .proposed: .optional(event.proposed?.rawValue)
        case .targetEvent: .optional(event.targetEvent)
        case .linkedIdentifier: .optional(event.linkedIdentifier?.text)
        }
    }

    /// The stored names of actions, match layers and verdicts (sources: `EntryColumn.sources`).
    static let actions = NameTable<Action>()
    static let layers = NameTable<MatchLayer>()
    static let verdicts = NameTable<Verdict>()

    /// The event in a row selected with `selectList`.
    static func decode(_ row: Row) throws(OptOutError) -> Event {
        let id = row.int64(EventColumn.id)
        guard let identifier = Identifier(stored: row.textBytes(EventColumn.number)),
            let action = row.name(EventColumn.action, in: EventColumn.actions),
            let source = row.name(EventColumn.source, in: EntryColumn.sources)
        else { throw OptOutError(.internal, "event \(id) has an unknown identifier, action or source") }
        return Event(
            id: id, scope: row.text(EventColumn.scope), identifier: identifier, action: action, source: source,
            at: Timestamp(milliseconds: row.int64(EventColumn.at)),
            recordedAt: Timestamp(milliseconds: row.int64(EventColumn.recordedAt)),
            actor: row.optionalText(EventColumn.actor), reason: row.optionalText(EventColumn.reason),
            messageID: row.optionalText(EventColumn.messageID), messageText: row.optionalText(EventColumn.messageText),
            keyword: row.optionalText(EventColumn.keyword), applied: row.int64(EventColumn.applied) != 0,
            claimedAt: row.optionalTime(EventColumn.claimedAt), osUser: row.optionalText(EventColumn.osUser),
            layer: row.name(EventColumn.layer, in: EventColumn.layers),
            rule: row.optionalText(EventColumn.rule),
            proposed: row.name(EventColumn.proposed, in: EventColumn.verdicts),
            targetEvent: row.optionalInt64(EventColumn.targetEvent),
            linkedIdentifier: row.optionalText(EventColumn.linkedIdentifier).flatMap(Identifier.init(stored:)))
    }
}
