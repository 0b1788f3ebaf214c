/// A read transaction of the store: every read in it comes from one snapshot of the database.
///
/// Given to the body of `OptOutStore.read(_:)`; valid only inside it (a use after the body returned is a
/// precondition failure). `WriteTransaction` is a `ReadTransaction` too, so a write reads what it is
/// about to change in the same transaction.
public class ReadTransaction {
    let store: OptOutStore
    let serial: UInt64

    init(store: OptOutStore, serial: UInt64) {
        self.store = store
        self.serial = serial
    }

    /// The connection, after checking that this transaction is still the open one.
    var database: Database {
        store.checkOpen(serial)
        return store.database
    }

    /// The connection for a query of this transaction. A write transaction first writes the records it
    /// holds back (`WriteTransaction.deferringRecords(in:_:)`), so that every query sees every record
    /// made before it.
    func connection() throws(OptOutError) -> Database { database }

    /// Calls `body` with each row of a query. Bodies here and below may throw anything: what leaves a
    /// transaction's operation is an `OptOutError` (see `OptOutStore.read(_:)`).
    func forEachRow(_ sql: some SQLText, _ values: [SQLValue], _ body: (Row) throws -> Void) throws(OptOutError) {
        let database = try connection()
        try store.sql { try database.forEachRow(sql, values) { row in try body(row) } }
    }

    /// The first row of a query turned into a value, or nil when there is none.
    func firstRow<T>(_ sql: some SQLText, _ values: [SQLValue], _ transform: (Row) throws -> T) throws(OptOutError) -> T? {
        let database = try connection()
        return try store.sql { try database.firstRow(sql, values) { row in try transform(row) } }
    }

    /// The first column of the first row as an integer; nil for no row or NULL.
    func scalarInt(_ sql: some SQLText, _ values: [SQLValue] = []) throws(OptOutError) -> Int64? {
        let database = try connection()
        return try store.sql { try database.scalarInt(sql, values) }
    }

    /// The first column of the first row as text; nil for no row or NULL.
    func scalarText(_ sql: some SQLText, _ values: [SQLValue] = []) throws(OptOutError) -> String? {
        let database = try connection()
        return try store.sql { try database.scalarText(sql, values) }
    }

    // MARK: - Entries

    /// The entry for a number's match key in `scope`, or nil.
    public func entry(scope: String, matchKey: UInt64) throws(OptOutError) -> Entry? {
        try firstRow(EntryColumn.selectByKey, EntryColumn.key(scope: scope, matchKey: matchKey), EntryColumn.decode)
    }

    /// The status of a number's entry in `scope`, `active` when there is none: what
    /// `entry(scope:matchKey:)?.status ?? .active` gives, reading four columns instead of the entry.
    public func status(scope: String, matchKey: UInt64) throws(OptOutError) -> Status {
        try firstRow(Self.statusByKey, [.text(scope), .integer(Int64(bitPattern: matchKey))]) { row in
            Self.decodeFacts(row, consent: 0, blocked: 1, marketingStopped: 2, reviewPending: 3).status
        } ?? .active
    }

    private static let statusByKey = SQLQuery(
        "SELECT consent, blocked, marketing_stopped, review_pending FROM entries WHERE scope = ? AND match_key = ?")

    /// Every identifier of the subject `identifier` belongs to in `scope`, itself included, in order.
    public func subjectIdentifiers(scope: String, of identifier: Identifier) throws(OptOutError) -> [Identifier] {
        var members: [Identifier] = []
        try forEachRow(Self.subjectMembers, [.text(scope), .integer(Int64(bitPattern: identifier.matchKey))]) { row in
            guard let member = Identifier(stored: row.text(0)) else {
                throw OptOutError(.internal, "a stored identifier is neither E.164 nor a BSUID")
            }
            members.append(member)
        }
        return members.isEmpty ? [identifier] : members.sorted()
    }

    private static let subjectMembers = SQLQuery(
        """
        SELECT i.identifier FROM identifiers s JOIN identifiers i INDEXED BY identifiers_by_subject ON i.scope = s.scope AND i.subject = s.subject
        WHERE s.scope = ? AND s.match_key = ?
        """)

    /// The entries for a number's match key in every scope, by scope name.
    public func entries(matchKey: UInt64) throws(OptOutError) -> [Entry] {
        var result: [Entry] = []
        try forEachRow(
            "SELECT \(EntryColumn.selectList) FROM entries WHERE match_key = ? ORDER BY scope",
            [.integer(Int64(bitPattern: matchKey))]
        ) { row in result.append(try EntryColumn.decode(row)) }
        return result
    }

    /// Calls `body` with each entry matching `query`, ordered by change time then number.
    /// Each entry carries its subject's identifiers when it is linked (`Entry.linked`).
    public func forEachEntry(_ query: EntryQuery, _ body: (Entry) throws -> Void) throws(OptOutError) {
        // Most databases link no identifiers: then no row pays for the subquery.
        let linked = try anyLinks() ? StoredField.linkedIdentifiersSQL : "NULL"
        let (sql, values) = query.select(EntryColumn.selectList + ", " + linked)
        let linkedColumn = Int32(EntryColumn.allCases.count)
        try forEachRow(sql, values) { row in
            var entry = try EntryColumn.decode(row)
            if let linked = row.optionalText(linkedColumn) {
                entry.linked = linked.split(separator: " ").compactMap { Identifier(stored: String($0)) }
            }
            try body(entry)
        }
    }

    /// Whether any identifiers are linked (in any scope).
    func anyLinks() throws(OptOutError) -> Bool {
        try scalarInt(Self.anyLink) != nil
    }

    private static let anyLink = SQLQuery("SELECT 1 FROM identifiers LIMIT 1")

    /// How many entries match `query`, ignoring its limit.
    public func countEntries(_ query: EntryQuery) throws(OptOutError) -> Int {
        let filter = query.filter()
        return Int(try scalarInt("SELECT count(*) FROM entries\(filter.clause)", filter.values) ?? 0)
    }

    /// Calls `body` with the match key and facts of every entry in `scope` that has any fact set;
    /// the input of an in-memory suppression set.
    public func forEachFacts(scope: String, _ body: (UInt64, Facts) -> Void) throws(OptOutError) {
        try forEachRow(
            "SELECT match_key, blocked, consent, marketing_stopped, review_pending FROM entries WHERE scope = ?", [.text(scope)]
        ) { row in
            let facts = Self.decodeFacts(row, consent: 2, blocked: 1, marketingStopped: 3, reviewPending: 4)
            if !facts.isEmpty { body(UInt64(bitPattern: row.int64(0)), facts) }
        }
    }

    /// The facts in four columns of a row: consent text, blocked, marketing-stopped and review-pending flags.
    private static func decodeFacts(
        _ row: Row, consent: Int32, blocked: Int32, marketingStopped: Int32, reviewPending: Int32
    ) -> Facts {
        var facts: Facts = []
        if row.int64(blocked) != 0 { facts.insert(.blocked) }
        if row.int64(marketingStopped) != 0 { facts.insert(.marketingStopped) }
        if row.int64(reviewPending) != 0 { facts.insert(.reviewPending) }
        let text = row.textBytes(consent)
        if text.elementsEqual(Consent.optedOut.rawValue.utf8) {
            facts.insert(.optedOut)
        } else if text.elementsEqual(Consent.optedIn.rawValue.utf8) {
            facts.insert(.optedIn)
        }
        return facts
    }

    // MARK: - Events

    /// The events of a number's match key, in one scope or all, in the order they were recorded.
    public func events(scope: String?, matchKey: UInt64) throws(OptOutError) -> [Event] {
        var sql = "SELECT \(EventColumn.selectList) FROM events WHERE match_key = ?"
        var values: [SQLValue] = [.integer(Int64(bitPattern: matchKey))]
        if let scope {
            sql += " AND scope = ?"
            values.append(.text(scope))
        }
        var result: [Event] = []
        try forEachRow(sql + " ORDER BY scope, id", values) { row in
            result.append(try EventColumn.decode(row))
        }
        return result
    }

    /// The id of the newest event, 0 when the log is empty.
    public func lastEventID() throws(OptOutError) -> Int64 {
        try scalarInt("SELECT max(id) FROM events") ?? 0
    }

    /// Calls `body` with what a table shows of each entry matching `query` (`EntrySummary`), in the
    /// order of `forEachEntry`, read from the row without decoding the entry.
    public func forEachEntrySummary(_ query: EntryQuery, _ body: (EntrySummary) throws -> Void) throws(OptOutError) {
        let (sql, values) = query.select(EntrySummary.selectList)
        try forEachRow(sql, values) { row in try body(EntrySummary(row: row)) }
    }

    // MARK: - Streaming exports

    /// Calls `body` with the row of each entry matching `query`, holding `columns` in that order, without
    /// decoding it: exports write the column bytes straight to their output. The row is this backend's
    /// own `StoredRow` type, so that a writer generic over `StoredRow` is specialised for it (through an
    /// existential, `RecordWriter` costs 30% more instructions per exported row).
    public func forEachEntryRow(
        _ query: EntryQuery, columns: [StoredField], _ body: (Row) throws -> Void
    ) throws(OptOutError) {
        let (sql, values) = query.select(columns.map(\.column).joined(separator: ", "))
        try forEachRow(sql, values) { row in try body(row) }
    }

    /// Calls `body` with the row of each event matching `query`, holding `columns` in that order.
    public func forEachEventRow(
        _ query: EventQuery, columns: [StoredField], _ body: (Row) throws -> Void
    ) throws(OptOutError) {
        let (sql, values) = query.select(columns.map(\.column).joined(separator: ", "))
        try forEachRow(sql, values) { row in try body(row) }
    }

    // MARK: - Cursors

    /// The position of the export cursor `name`, nil when it does not exist.
    public func cursorPosition(_ name: String) throws(OptOutError) -> Int64? {
        try scalarInt("SELECT last_event_id FROM cursors WHERE name = ?", [.text(name)])
    }

    /// The batch a cursor at `last` would deliver: the events with `last < id ≤ high`, in `scope` (nil:
    /// every scope).
    public func eventBatch(after last: Int64, through high: Int64, scope: String?) throws(OptOutError) -> ExportBatch {
        var sql = "SELECT min(id), max(id), count(*) FROM events WHERE id > ? AND id <= ?"
        var values: [SQLValue] = [.integer(last), .integer(high)]
        if let scope {
            sql += " AND scope = ?"
            values.append(.text(scope))
        }
        var batch = ExportBatch(cursorAt: last, throughEventID: high, firstEventID: nil, lastEventID: nil, count: 0)
        try forEachRow(sql, values) { row in
            batch.firstEventID = row.optionalInt64(0)
            batch.lastEventID = row.optionalInt64(1)
            batch.count = Int(row.int64(2))
        }
        return batch
    }

    /// What happened to the cursor `name`, oldest first.
    public func cursorChanges(_ name: String) throws(OptOutError) -> [CursorChange] {
        var changes: [CursorChange] = []
        try forEachRow(
            "SELECT id, action, old_event_id, new_event_id, records, file, at, actor, os_user FROM cursor_changes WHERE name = ? ORDER BY id",
            [.text(name)]
        ) { row in
            changes.append(
                CursorChange(
                    id: row.int64(0), action: CursorChange.Action(rawValue: row.text(1)) ?? .export, from: row.optionalInt64(2),
                    to: row.optionalInt64(3), records: row.optionalInt64(4), file: row.optionalText(5),
                    at: Timestamp(milliseconds: row.int64(6)), actor: row.optionalText(7), osUser: row.optionalText(8)))
        }
        return changes
    }

    /// The id of the first event recorded at or after `time`, minus one: where a cursor rewound to
    /// `time` stands so that its next run delivers the events from then on.
    public func eventPosition(before time: Timestamp) throws(OptOutError) -> Int64 {
        if let first = try scalarInt("SELECT min(id) FROM events INDEXED BY events_by_recorded WHERE recorded_at >= ?", [.integer(time.milliseconds)]) {
            return first - 1
        }
        return try lastEventID()
    }

    /// Every export cursor with its position and how many events wait for it, by name.
    public func cursors() throws(OptOutError) -> [ExportCursor] {
        let high = try lastEventID()
        var cursors: [ExportCursor] = []
        try forEachRow("SELECT name, last_event_id, updated_at FROM cursors ORDER BY name", []) { row in
            cursors.append(
                ExportCursor(
                    name: row.text(0), lastEventID: row.int64(1), updatedAt: Timestamp(milliseconds: row.int64(2)),
                    pendingEvents: 0))
        }
        for index in cursors.indices {
            cursors[index].pendingEvents =
                try scalarInt(
                    "SELECT count(*) FROM events WHERE id > ? AND id <= ?",
                    [.integer(cursors[index].lastEventID), .integer(high)]) ?? 0
        }
        return cursors
    }

    // MARK: - Reviews

    /// The pending reviews of `scope`, oldest first: for each person held for review, the latest
    /// review event (the message that could not be decided).
    public func pendingReviews(scope: String) throws(OptOutError) -> [PendingReview] {
        var reviews: [PendingReview] = []
        try forEachRow(
            """
            SELECT \(EventColumn.selectList(qualifiedBy: "e")) FROM entries n INDEXED BY entries_pending_review
            JOIN events e ON e.id = (
                SELECT max(x.id) FROM events x WHERE x.match_key = n.match_key AND x.scope = n.scope AND x.action = 'review')
            WHERE n.scope = ? AND n.review_pending = 1
            ORDER BY e.at, e.id
            """, [.text(scope)]
        ) { row in reviews.append(PendingReview(event: try EventColumn.decode(row))) }
        return reviews
    }

    // MARK: - Scopes

    /// True when `scope` is `default` or has an entry, an event or a setting: a scope that was ever used.
    /// Each test is one look-up along an index that starts with the scope.
    public func isKnownScope(_ scope: String) throws(OptOutError) -> Bool {
        if scope == Settings.defaultScope { return true }
        for table in ["entries", "events", "settings", "setting_changes"] {
            if try scalarInt("SELECT 1 FROM \(table) WHERE scope = ? LIMIT 1", [.text(scope)]) != nil { return true }
        }
        return false
    }

    /// Every scope that was ever used, with `default` always among them, by name.
    public func scopes() throws(OptOutError) -> [ScopeSummary] {
        var byName: [String: ScopeSummary] = [Settings.defaultScope: ScopeSummary(name: Settings.defaultScope)]
        func merge(_ sql: String, _ apply: (inout ScopeSummary, Row) -> Void) throws(OptOutError) {
            try forEachRow(sql, []) { row in
                let name = row.text(0)
                var summary = byName[name] ?? ScopeSummary(name: name)
                apply(&summary, row)
                byName[name] = summary
            }
        }
        try merge("SELECT scope, count(*) FROM entries GROUP BY scope") { $0.entries = $1.int64(1) }
        try merge("SELECT scope, count(*), max(recorded_at) FROM events GROUP BY scope") { summary, row in
            summary.events = row.int64(1)
            summary.lastChange = Self.later(summary.lastChange, row.optionalInt64(2))
        }
        try merge("SELECT scope, count(*) FROM settings GROUP BY scope") { $0.settings = $1.int64(1) }
        try merge("SELECT scope, max(at) FROM setting_changes GROUP BY scope") { summary, row in
            summary.lastChange = Self.later(summary.lastChange, row.optionalInt64(1))
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    private static func later(_ time: Timestamp?, _ milliseconds: Int64?) -> Timestamp? {
        guard let milliseconds else { return time }
        let other = Timestamp(milliseconds: milliseconds)
        guard let time else { return other }
        return max(time, other)
    }

    // MARK: - Settings

    /// The value of setting `key` stored in `scope` itself, nil when unset there.
    public func storedSetting(_ key: String, scope: String) throws(OptOutError) -> String? {
        try firstRow(Self.settingValue, [.text(scope), .text(key)]) { $0.text(0) }
    }

    private static let settingValue = SQLQuery("SELECT value FROM settings WHERE scope = ? AND key = ?")

    /// The value of a setting in `scope` and where it comes from: the scope's own, else the `default`
    /// scope's, else the built-in default.
    public func settingWithSource(_ definition: SettingDefinition, scope: String) throws(OptOutError) -> (String, SettingSource) {
        try storedSettingWithSource(definition, scope: scope) ?? (definition.defaultValue, .builtIn)
    }

    /// The value of a setting stored for `scope`, else for the default scope, with where it came
    /// from; nil when it is set nowhere (`settingWithSource` then gives the built-in value).
    func storedSettingWithSource(_ definition: SettingDefinition, scope: String) throws(OptOutError) -> (String, SettingSource)? {
        if let own = try storedSetting(definition.key, scope: scope) { return (own, .scope) }
        if scope != Settings.defaultScope, let inherited = try storedSetting(definition.key, scope: Settings.defaultScope) {
            return (inherited, .defaultScope)
        }
        return nil
    }

    /// The value of a setting in `scope` (see `settingWithSource`).
    public func setting(_ definition: SettingDefinition, scope: String) throws(OptOutError) -> String {
        try settingWithSource(definition, scope: scope).0
    }

    /// The scopes that have a setting of their own, by name.
    func scopesWithSettings() throws(OptOutError) -> [String] {
        var scopes: [String] = []
        try forEachRow("SELECT DISTINCT scope FROM settings ORDER BY scope", []) { scopes.append($0.text(0)) }
        return scopes
    }

    /// The changes of settings, in one scope or all, oldest first.
    public func settingChanges(scope: String?) throws(OptOutError) -> [SettingChange] {
        var sql = "SELECT id, scope, key, old_value, new_value, at, actor, os_user FROM setting_changes"
        var values: [SQLValue] = []
        if let scope {
            sql += " WHERE scope = ?"
            values.append(.text(scope))
        }
        var changes: [SettingChange] = []
        try forEachRow(sql + " ORDER BY id", values) { row in
            changes.append(
                SettingChange(
                    id: row.int64(0), scope: row.text(1), key: row.text(2), oldValue: row.optionalText(3),
                    newValue: row.optionalText(4), at: Timestamp(milliseconds: row.int64(5)), actor: row.optionalText(6),
                    osUser: row.optionalText(7)))
        }
        return changes
    }
}
