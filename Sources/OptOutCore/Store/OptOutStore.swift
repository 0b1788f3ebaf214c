/// The opt-out list: entries, the event log and settings, in one SQLite database.
///
/// Every path that changes state goes through `record(_:recordedAt:)`, inside `write(_:)`, so the rules
/// of contract §2 (event-time ordering, one event per change, imports never lowering a suppression) live in
/// one place.
public final class OptOutStore {
    /// The connection; exposed for queries the store does not wrap and for tests.
    public let database: Database
    /// Where the database lives, for messages.
    public let path: String
    /// True when the file could only be opened read-only.
    public let isReadOnly: Bool

    // MARK: - Opening

    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    ///
    /// A file that is not an SQLite database, or whose schema is newer than this build, is refused
    /// without being modified. When the file exists but cannot be written, it is opened read-only
    /// when `allowReadOnly` is true (for commands that only read).
    public init(path: String, busyTimeout: Int32 = 5000, allowReadOnly: Bool = false) throws(OptOutError) {
        self.path = path
        let opened = Result { () throws -> (Database, Bool) in
            let (database, readOnly) = try OptOutStore.open(path, busyTimeout: busyTimeout, allowReadOnly: allowReadOnly)
            try OptOutStore.prepare(database, readOnly: readOnly, path: path)
            return (database, readOnly)
        }
        switch opened {
        case .success(let (database, readOnly)):
            self.database = database
            self.isReadOnly = readOnly
        case .failure(let error as DatabaseError):
            throw OptOutError(error, path: path)
        case .failure(let error as OptOutError):
            throw error
        case .failure(let error):
            throw OptOutError(.internal, "database \(path): \(error)")
        }
    }

    /// Opens read-write, falling back to read-only when allowed and the file cannot be written.
    private static func open(_ path: String, busyTimeout: Int32, allowReadOnly: Bool) throws -> (Database, Bool) {
        do {
            let database = try Database(path: path, access: .readWriteCreate, busyTimeout: busyTimeout)
            guard database.isReadOnly else { return (database, false) }
            guard allowReadOnly else {
                throw OptOutError(.cannotCreate, "database \(path) is read-only (no write permission)")
            }
            return (database, true)
        } catch let error as DatabaseError {
            let permission = [CSQLiteCodes.cantOpen, CSQLiteCodes.perm, CSQLiteCodes.readOnly].contains(error.primaryCode)
            guard allowReadOnly, permission else { throw error }
            return (try Database(path: path, access: .readOnly, busyTimeout: busyTimeout), true)
        }
    }

    /// Sets WAL and `synchronous=NORMAL` (https://www.sqlite.org/wal.html: durable across application
    /// crashes, and readers never wait for the writer), then runs pending migrations.
    private static func prepare(_ database: Database, readOnly: Bool, path: String) throws {
        let version = try database.scalarInt("PRAGMA user_version") ?? 0
        if version > Schema.version {
            throw OptOutError(
                .badInput,
                "database \(path) has schema version \(version), newer than this optout understands (\(Schema.version)); upgrade optout"
            )
        }
        if readOnly {
            guard version == Schema.version else {
                throw OptOutError(.cannotCreate, "database \(path) is read-only and needs a schema upgrade")
            }
            return
        }
        if try database.scalarText("PRAGMA journal_mode") != "wal" {
            try database.executeScript("PRAGMA journal_mode=WAL")
        }
        try database.executeScript("PRAGMA synchronous=NORMAL")
        guard version < Schema.version else { return }
        try database.writeTransaction {
            // Another process may have migrated while this one waited for the lock.
            let current = try database.scalarInt("PRAGMA user_version") ?? 0
            guard current < Schema.version else { return }
            for migration in Schema.migrations.dropFirst(Int(current)) {
                try database.executeScript(migration)
            }
            try database.executeScript("PRAGMA user_version = \(Schema.version)")
        }
    }

    // MARK: - Writing

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: all of it is recorded, or none.
    public func write<T>(_ body: () throws -> T) throws(OptOutError) -> T {
        try mapErrors { try database.writeTransaction(body) }
    }

    /// Runs `body` in one read transaction, so everything it reads comes from one snapshot.
    public func read<T>(_ body: () throws -> T) throws(OptOutError) -> T {
        try mapErrors { try database.readTransaction(body) }
    }

    /// Runs `body`, turning SQLite errors into `OptOutError`s naming the database.
    public func mapErrors<T>(_ body: () throws -> T) throws(OptOutError) -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw OptOutError(error, path: path)
        } catch let error as OptOutError {
            throw error
        } catch {
            throw OptOutError(.internal, "\(error)")
        }
    }

    /// What recording an event did.
    public struct Outcome: Sendable, Equatable {
        /// The event was appended to the log.
        public var logged: Bool
        /// A fact changed.
        public var changed: Bool
        /// The event was older than the last change of its fact and did not override it.
        public var stale: Bool
        /// The entry before and after (nil when there was none).
        public var before: Entry?
        public var after: Entry?

        /// The status after the event.
        public var statusAfter: Status { after?.status ?? .active }
    }

    /// Applies one event to its entry and appends it to the log when it changes something, arrives
    /// out of order (logged, not applied), or is a `review`. Call inside `write(_:)`.
    ///
    /// Rules: a fact changes only when the event is not older than the fact's last change; an event
    /// that would set a fact to the value it has is not logged; an import never lowers a suppression;
    /// an opt-in by keyword or button acts only on an opted-out number, and otherwise is logged to mark
    /// the time of the customer's latest word, so a STOP sent before it but delivered after it is stale.
    @discardableResult
    public func record(_ event: NewEvent, recordedAt: Timestamp) throws -> Outcome {
        let key = event.number.matchKey
        let before = try entry(scope: event.scope, matchKey: key)
        var entry = before ?? Entry(scope: event.scope, number: event.number, changedAt: event.at)
        var changes = FactChanges(event: event)
        var marked = false

        let lowersSuppression = [.optIn, .unblock, .marketingResume].contains(event.action)
        if !(event.source == .import && lowersSuppression) {
            switch event.action {
            case .optOut:
                changes.update(&entry.consent, to: .optedOut)
            case .optIn where event.source == .keyword || event.source == .button:
                if entry.consent.value == .optedOut {
                    changes.update(&entry.consent, to: .optedIn)
                } else if entry.consent.value == nil, entry.consent.at.map({ $0 < event.at }) ?? true {
                    entry.consent.at = event.at
                    entry.consent.source = event.source
                    marked = true
                }
            case .optIn:
                changes.update(&entry.consent, to: .optedIn)
            case .block:
                changes.update(&entry.blocked, to: true)
            case .unblock:
                changes.update(&entry.blocked, to: false)
                if entry.consent.value == .optedOut { changes.update(&entry.consent, to: nil) }
            case .marketingStop:
                changes.update(&entry.marketingStopped, to: true)
            case .marketingResume:
                changes.update(&entry.marketingStopped, to: false)
            case .review:
                break
            }
        }

        let changed = changes.changed
        let stale = changes.stale
        if changed {
            entry.number = event.number
            entry.changedAt = max(before == nil ? event.at : entry.changedAt, event.at)
            entry.actor = event.actor
            entry.reason = event.reason
        }
        if changed || marked { try save(entry) }
        let logged = changed || marked || stale || event.action == .review
        if logged { try append(event, recordedAt: recordedAt, applied: !stale) }
        let after = (changed || marked) ? entry : before
        return Outcome(logged: logged, changed: changed, stale: stale && !changed, before: before, after: after)
    }

    /// Applies an event's target values to facts, remembering whether any changed or was stale.
    private struct FactChanges {
        let event: NewEvent
        var changed = false
        var stale = false

        init(event: NewEvent) { self.event = event }

        /// Sets `fact` to `value` unless it has it already or changed after the event's time.
        mutating func update<Value>(_ fact: inout FactRecord<Value>, to value: Value) {
            guard fact.value != value else { return }
            if let at = fact.at, event.at < at {
                stale = true
                return
            }
            fact = FactRecord(value: value, at: event.at, source: event.source)
            changed = true
        }
    }

    private func save(_ entry: Entry) throws {
        try database.execute(
            """
            INSERT OR REPLACE INTO entries (scope, match_key, number, consent, consent_at, consent_source,
                blocked, blocked_at, blocked_source, marketing_stopped, marketing_at, marketing_source,
                status, changed_at, actor, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(entry.scope), .integer(Int64(bitPattern: entry.number.matchKey)), .text(entry.number.e164),
                .optional(entry.consent.value?.rawValue), .optional(entry.consent.at?.milliseconds),
                .optional(entry.consent.source?.rawValue),
                .integer(entry.blocked.value ? 1 : 0), .optional(entry.blocked.at?.milliseconds),
                .optional(entry.blocked.source?.rawValue),
                .integer(entry.marketingStopped.value ? 1 : 0), .optional(entry.marketingStopped.at?.milliseconds),
                .optional(entry.marketingStopped.source?.rawValue),
                .text(entry.status.rawValue), .integer(entry.changedAt.milliseconds),
                .optional(entry.actor), .optional(entry.reason),
            ])
    }

    private func append(_ event: NewEvent, recordedAt: Timestamp, applied: Bool) throws {
        try database.execute(
            """
            INSERT INTO events (scope, match_key, number, action, source, at, recorded_at, actor, reason,
                message_id, message_text, keyword, applied)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(event.scope), .integer(Int64(bitPattern: event.number.matchKey)), .text(event.number.e164),
                .text(event.action.rawValue), .text(event.source.rawValue), .integer(event.at.milliseconds),
                .integer(recordedAt.milliseconds), .optional(event.actor), .optional(event.reason),
                .optional(event.messageID), .optional(event.messageText), .optional(event.keyword),
                .integer(applied ? 1 : 0),
            ])
    }

    /// Records that inbound message `id` was processed in `scope`; false when it had been already.
    /// Call inside `write(_:)`, before recording the message's events.
    public func markMessageProcessed(scope: String, id: String, at: Timestamp) throws -> Bool {
        try database.execute(
            "INSERT OR IGNORE INTO inbound_messages (scope, message_id, received_at) VALUES (?, ?, ?)",
            [.text(scope), .text(id), .integer(at.milliseconds)])
        return database.changes == 1
    }

    // MARK: - Reading entries

    /// The columns `decodeEntry` reads, in order.
    static let entryColumns = """
        scope, number, consent, consent_at, consent_source, blocked, blocked_at, blocked_source,
        marketing_stopped, marketing_at, marketing_source, changed_at, actor, reason
        """

    static func decodeEntry(_ row: Row) throws -> Entry {
        guard let number = PhoneNumber(e164: row.text(1)) else {
            throw OptOutError(.internal, "stored number is not E.164")
        }
        var entry = Entry(scope: row.text(0), number: number, changedAt: Timestamp(milliseconds: row.int64(11)))
        entry.consent = FactRecord(
            value: row.optionalText(2).flatMap(Consent.init(rawValue:)),
            at: row.optionalInt64(3).map(Timestamp.init(milliseconds:)),
            source: row.optionalText(4).flatMap(Source.init(rawValue:)))
        entry.blocked = FactRecord(
            value: row.int64(5) != 0, at: row.optionalInt64(6).map(Timestamp.init(milliseconds:)),
            source: row.optionalText(7).flatMap(Source.init(rawValue:)))
        entry.marketingStopped = FactRecord(
            value: row.int64(8) != 0, at: row.optionalInt64(9).map(Timestamp.init(milliseconds:)),
            source: row.optionalText(10).flatMap(Source.init(rawValue:)))
        entry.actor = row.optionalText(12)
        entry.reason = row.optionalText(13)
        return entry
    }

    /// The entry for a number's match key in `scope`, or nil.
    public func entry(scope: String, matchKey: UInt64) throws -> Entry? {
        try database.firstRow(
            "SELECT \(OptOutStore.entryColumns) FROM entries WHERE scope = ? AND match_key = ?",
            [.text(scope), .integer(Int64(bitPattern: matchKey))], OptOutStore.decodeEntry)
    }

    /// The status of a number's entry in `scope`, `active` when there is none: what
    /// `entry(scope:matchKey:)?.status ?? .active` gives, reading three columns instead of the entry.
    public func status(scope: String, matchKey: UInt64) throws -> Status {
        try database.firstRow(
            "SELECT consent, blocked, marketing_stopped FROM entries WHERE scope = ? AND match_key = ?",
            [.text(scope), .integer(Int64(bitPattern: matchKey))]
        ) { row in
            OptOutStore.decodeFacts(row, consent: 0, blocked: 1, marketingStopped: 2).status
        } ?? .active
    }

    /// The entries for a number's match key in every scope, by scope name.
    public func entries(matchKey: UInt64) throws -> [Entry] {
        try database.rows(
            "SELECT \(OptOutStore.entryColumns) FROM entries WHERE match_key = ? ORDER BY scope",
            [.integer(Int64(bitPattern: matchKey))], OptOutStore.decodeEntry)
    }

    /// Which entries to read.
    public struct EntryQuery: Sendable, Equatable {
        /// One scope, or nil for every scope.
        public var scope: String?
        /// Statuses to include; empty means all.
        public var statuses: Set<Status>
        /// Half-open range `[since, until)` on change time.
        public var since: Timestamp?
        public var until: Timestamp?
        /// Newest change first (for people) or oldest first (for exports).
        public var newestFirst: Bool
        public var limit: Int?

        public init(
            scope: String?, statuses: Set<Status> = [], since: Timestamp? = nil, until: Timestamp? = nil,
            newestFirst: Bool = true, limit: Int? = nil
        ) {
            self.scope = scope
            self.statuses = statuses
            self.since = since
            self.until = until
            self.newestFirst = newestFirst
            self.limit = limit
        }

        /// The SELECT of `columns` for this query, ordered by change time then number (served by
        /// the `entries_by_change` indexes, so no sort), with its values.
        func select(_ columns: String) -> (String, [SQLValue]) {
            let filter = filter()
            var values = filter.values
            let direction = newestFirst ? "DESC" : "ASC"
            var sql = "SELECT \(columns) FROM entries\(filter.clause) ORDER BY changed_at \(direction), number \(direction)"
            if let limit {
                sql += " LIMIT ?"
                values.append(.integer(Int64(limit)))
            }
            return (sql, values)
        }

        /// The WHERE clause and its values.
        func filter() -> SQLFilter {
            var filter = SQLFilter()
            if let scope { filter.add("scope = ?", .text(scope)) }
            if !statuses.isEmpty {
                let ordered = Status.allCases.filter(statuses.contains)
                filter.add(
                    "status IN (\(ordered.map { _ in "?" }.joined(separator: ", ")))",
                    values: ordered.map { .text($0.rawValue) })
            }
            filter.add(range: "changed_at", since: since, until: until)
            return filter
        }
    }

    /// Calls `body` with each entry matching `query`, ordered by change time then number.
    public func forEachEntry(_ query: EntryQuery, _ body: (Entry) throws -> Void) throws {
        let (sql, values) = query.select(OptOutStore.entryColumns)
        try database.forEachRow(sql, values) { try body(OptOutStore.decodeEntry($0)) }
    }

    /// How many entries match `query`, ignoring its limit.
    public func countEntries(_ query: EntryQuery) throws -> Int {
        let filter = query.filter()
        return Int(try database.scalarInt("SELECT count(*) FROM entries\(filter.clause)", filter.values) ?? 0)
    }

    /// Calls `body` with the match key and facts of every entry in `scope` that has any fact set;
    /// the input of an in-memory suppression set.
    public func forEachFacts(scope: String, _ body: (UInt64, Facts) throws -> Void) throws {
        try database.forEachRow(
            "SELECT match_key, blocked, consent, marketing_stopped FROM entries WHERE scope = ?", [.text(scope)]
        ) { row in
            let facts = OptOutStore.decodeFacts(row, consent: 2, blocked: 1, marketingStopped: 3)
            if !facts.isEmpty { try body(UInt64(bitPattern: row.int64(0)), facts) }
        }
    }

    /// The facts in three columns of a row: consent text, blocked flag, marketing-stopped flag.
    static func decodeFacts(_ row: Row, consent: Int32, blocked: Int32, marketingStopped: Int32) -> Facts {
        var facts: Facts = []
        if row.int64(blocked) != 0 { facts.insert(.blocked) }
        if row.int64(marketingStopped) != 0 { facts.insert(.marketingStopped) }
        row.withUTF8(consent) { text in
            if text.elementsEqual(Consent.optedOut.rawValue.utf8) {
                facts.insert(.optedOut)
            } else if text.elementsEqual(Consent.optedIn.rawValue.utf8) {
                facts.insert(.optedIn)
            }
        }
        return facts
    }

    // MARK: - Reading events

    /// The columns `decodeEvent` reads, in order.
    static let eventColumns = """
        id, scope, number, action, source, at, recorded_at, actor, reason, message_id, message_text, keyword, applied
        """

    static func decodeEvent(_ row: Row) throws -> Event {
        guard let number = PhoneNumber(e164: row.text(2)), let action = Action(rawValue: row.text(3)),
            let source = Source(rawValue: row.text(4))
        else { throw OptOutError(.internal, "event \(row.int64(0)) has an unknown number, action or source") }
        return Event(
            id: row.int64(0), scope: row.text(1), number: number, action: action, source: source,
            at: Timestamp(milliseconds: row.int64(5)), recordedAt: Timestamp(milliseconds: row.int64(6)),
            actor: row.optionalText(7), reason: row.optionalText(8), messageID: row.optionalText(9),
            messageText: row.optionalText(10), keyword: row.optionalText(11), applied: row.int64(12) != 0)
    }

    /// The events of a number's match key, in one scope or all, in the order they were recorded.
    public func events(scope: String?, matchKey: UInt64) throws -> [Event] {
        var sql = "SELECT \(OptOutStore.eventColumns) FROM events WHERE match_key = ?"
        var values: [SQLValue] = [.integer(Int64(bitPattern: matchKey))]
        if let scope {
            sql += " AND scope = ?"
            values.append(.text(scope))
        }
        return try database.rows(sql + " ORDER BY scope, id", values, OptOutStore.decodeEvent)
    }
}

import CSQLite

/// SQLite's primary result codes used outside the SQLite folder.
enum CSQLiteCodes {
    static let cantOpen = SQLITE_CANTOPEN
    static let perm = SQLITE_PERM
    static let readOnly = SQLITE_READONLY
}
