/// What `WriteTransaction.record` holds back during `WriteTransaction.deferringRecords(in:_:)`: the
/// events, in the temporary table `deferred_events`, and the new entries (numbers with no stored
/// entry), here, the latest version of each. `WriteTransaction.writeDeferred()` writes them a table at
/// a time with one `INSERT … SELECT` each.
///
/// Why: a bulk change recorded number by number moves between the events, their three indexes, the
/// entries and their three indexes for every number, and each statement seeks every B-tree from its
/// root again. Written a table at a time, each index grows in order under one open cursor. For 1M
/// numbers this takes about a third off what SQLite spends (Docs/performance.md).
///
/// While the held rows share every column but their key and number (a bulk change: one action,
/// source, time, actor and reason for every number), each keeps only those two in its temporary table
/// and the shared values are bound once, when the rows are written. Binding all 20 columns of every
/// event and 19 of every entry, and copying them through the temporary tables, was a sixth of the
/// instructions of a bulk block (Docs/performance.md). Rows that differ in more (a replay's messages)
/// are held whole: the first event that differs from those held has them written and the rest of the
/// deferral holds whole events (`eventsHeldWhole`); entries are told apart the same way as they are
/// written.
///
/// What is deferred is only ever the rows of new entries and events of one scope: a query of this
/// transaction writes them first (`WriteTransaction.connection()`), so every query sees every record made
/// before it. The two statements that run without writing them first are those no deferred row can
/// change the result of: reading the entry of a key that has no deferred entry (deferred rows are events
/// and other keys' entries), and updating an entry that is stored (so not deferred).
struct DeferredRecords {
    /// The scope of every deferred row: a record in another scope is written as it comes.
    let scope: String
    /// The latest version of each deferred entry, by match key.
    private(set) var entries: [UInt64: Entry] = [:]
    /// The keys of `entries` in the order they were first saved, which is the order they are written.
    private(set) var order: [UInt64] = []
    /// How many events wait, in `deferred_event_keys` or, held whole, in `deferred_events`.
    var events = 0
    /// The values of `sharedEventColumns` of every event waiting, held by its key columns; nil when
    /// none waits, or when they are held whole.
    var sharedEventValues: [SQLValue]?
    /// True once two events of this deferral have differed beyond their key columns: each is then
    /// held whole.
    var eventsHeldWhole = false
    /// Keys of this scope known to have no stored entry: checked when the deferral began (a first
    /// import into an empty scope), narrowed above every key written since, and dropped when any
    /// other statement runs. Their entries are not looked up.
    var absentKeys: ClosedRange<UInt64>?

    init(scope: String) {
        self.scope = scope
        entries.reserveCapacity(Self.capacity)
        order.reserveCapacity(Self.capacity)
    }

    var isEmpty: Bool { events == 0 && order.isEmpty }

    /// Whether as many rows as are held at once are waiting.
    var isFull: Bool { events >= Self.capacity || order.count >= Self.capacity }

    /// How many events, or new entries, are held before they are written: 16,384, about 4 MB of
    /// entries here and as much in the temporary table.
    static let capacity = 16_384

    /// The deferred entry of `matchKey` in `scope`, if there is one.
    func entry(scope: String, matchKey: UInt64) -> Entry? {
        scope == self.scope ? entries[matchKey] : nil
    }

    /// Whether `matchKey` of `scope` is known to have no stored entry (`absentKeys`).
    func isAbsent(scope: String, matchKey: UInt64) -> Bool {
        scope == self.scope && absentKeys?.contains(matchKey) == true
    }

    /// Narrows `absentKeys` to the keys above every written entry: a key at or below the largest may
    /// be stored now.
    mutating func entriesWritten() {
        guard let range = absentKeys, let largest = order.max() else { return }
        absentKeys = largest < range.upperBound ? max(largest &+ 1, range.lowerBound)...range.upperBound : nil
    }

    /// The keys of `keys` as one range of stored match keys (`Int64(bitPattern:)`, in which phone keys
    /// are positive and user-id keys negative), when they fall on one side: nil when they straddle.
    static func storedRange(of keys: ClosedRange<UInt64>) -> ClosedRange<Int64>? {
        let half: UInt64 = 1 << 63
        guard (keys.lowerBound < half) == (keys.upperBound < half) else { return nil }
        return Int64(bitPattern: keys.lowerBound)...Int64(bitPattern: keys.upperBound)
    }

    /// Whether any entry of a scope is stored with a key in a range (`storedRange(of:)`).
    static let anyEntryInRange = SQLQuery("SELECT 1 FROM entries WHERE scope = ? AND match_key BETWEEN ? AND ? LIMIT 1")

    /// Holds `entry` (of this scope) as the latest version of its key.
    mutating func save(_ entry: Entry) {
        let key = entry.identifier.matchKey
        if entries.updateValue(entry, forKey: key) == nil { order.append(key) }
    }

    /// Forgets every row, once written.
    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        events = 0
        sharedEventValues = nil
    }

    // MARK: - SQL

    /// The columns a held row keeps in its temporary table.
    static let eventKeyColumns: [EventColumn] = [.matchKey, .number]
    static let entryKeyColumns: [EntryColumn] = [.matchKey, .number]

    /// The columns bound once for all the rows held: every other column of the row.
    static let sharedEventColumns = EventColumn.appended.filter { !eventKeyColumns.contains($0) }
    static let sharedEntryColumns = EntryColumn.allCases.filter { !entryKeyColumns.contains($0) }

    /// The temporary tables, untyped (a value keeps what it was bound as until the `INSERT … SELECT`
    /// gives it the stored column's type): rows held whole, with the columns of `events` (but the id)
    /// and of `entries`, and rows held by their key columns, narrower.
    static let createTables = """
        CREATE TEMP TABLE IF NOT EXISTS deferred_events (\(EventColumn.list(EventColumn.appended)));
        CREATE TEMP TABLE IF NOT EXISTS deferred_entries (\(EntryColumn.selectList));
        CREATE TEMP TABLE IF NOT EXISTS deferred_event_keys (\(EventColumn.list(eventKeyColumns)));
        CREATE TEMP TABLE IF NOT EXISTS deferred_entry_keys (\(EntryColumn.list(entryKeyColumns)));
        DELETE FROM temp.deferred_events;
        DELETE FROM temp.deferred_entries;
        DELETE FROM temp.deferred_event_keys;
        DELETE FROM temp.deferred_entry_keys;
        """

    /// One whole event into `deferred_events`, bound as `EventColumn.insert`.
    static let insertEvent = SQLQuery(
        "INSERT INTO temp.deferred_events (\(EventColumn.list(EventColumn.appended))) VALUES (\(EventColumn.placeholders(EventColumn.appended)))")

    /// The key columns of one event into `deferred_event_keys`, bound in `eventKeyColumns` order.
    static let insertEventKeys = SQLQuery(
        "INSERT INTO temp.deferred_event_keys (\(EventColumn.list(eventKeyColumns))) VALUES (\(EventColumn.placeholders(eventKeyColumns)))")

    /// One whole entry into `deferred_entries`, bound in `EntryColumn.allCases` order.
    static let insertEntry = SQLQuery(
        "INSERT INTO temp.deferred_entries (\(EntryColumn.selectList)) VALUES (\(EntryColumn.placeholders(EntryColumn.allCases)))")

    /// The key columns of one entry into `deferred_entry_keys`, bound in `entryKeyColumns` order.
    static let insertEntryKeys = SQLQuery(
        "INSERT INTO temp.deferred_entry_keys (\(EntryColumn.list(entryKeyColumns))) VALUES (\(EntryColumn.placeholders(entryKeyColumns)))")

    /// The deferred events into the log, in the order they were recorded: the ids follow it.
    static let writeEvents = SQLQuery(
        "INSERT OR FAIL INTO main.events (\(EventColumn.list(EventColumn.appended))) SELECT \(EventColumn.list(EventColumn.appended)) FROM temp.deferred_events ORDER BY rowid")

    /// `writeEvents` for events held by their key columns, the values of `sharedEventColumns` bound
    /// in that order.
    static let writeEventsSharing = SQLQuery(
        "INSERT OR FAIL INTO main.events (\(EventColumn.list(EventColumn.appended))) SELECT \(selectList(EventColumn.appended, keys: eventKeyColumns)) FROM temp.deferred_event_keys ORDER BY rowid")

    /// The deferred entries, which are new: a stored one of the same key fails the statement (and so the
    /// transaction) rather than be replaced.
    static let writeEntries = SQLQuery(
        "INSERT OR FAIL INTO main.entries (\(EntryColumn.selectList)) SELECT \(EntryColumn.selectList) FROM temp.deferred_entries ORDER BY rowid")

    /// `writeEntries` for entries held by their key columns, the values of `sharedEntryColumns` bound in
    /// that order.
    static let writeEntriesSharing = SQLQuery(
        "INSERT OR FAIL INTO main.entries (\(EntryColumn.selectList)) SELECT \(selectList(EntryColumn.allCases, keys: entryKeyColumns)) FROM temp.deferred_entry_keys ORDER BY rowid")

    /// The SELECT list of `columns` over a temporary table: the name of a key column, a parameter for
    /// each other one.
    private static func selectList<Column: TableColumn & Equatable>(_ columns: [Column], keys: [Column]) -> String {
        Column.commaSeparated(columns) { keys.contains($0) ? $0.name : "?" }
    }

    static let clearEvents = SQLQuery("DELETE FROM temp.deferred_events")
    static let clearEntries = SQLQuery("DELETE FROM temp.deferred_entries")
    static let clearEventKeys = SQLQuery("DELETE FROM temp.deferred_event_keys")
    static let clearEntryKeys = SQLQuery("DELETE FROM temp.deferred_entry_keys")
}
