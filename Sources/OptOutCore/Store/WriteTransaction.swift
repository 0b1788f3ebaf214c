/// A write transaction of the store (`BEGIN IMMEDIATE`): everything in it is committed together, or
/// nothing is.
///
/// Given to the body of `OptOutStore.write(_:_:)`; valid only inside it. Every change of state is an
/// event recorded with `record(_:recordedAt:)`, which holds the rules of contract §2.
public final class WriteTransaction: ReadTransaction {
    /// Runs one statement that returns no rows.
    func execute(_ sql: some SQLText, _ values: [SQLValue] = []) throws(OptOutError) {
        let database = try connection()
        try store.sql { try database.execute(sql, values) }
    }

    /// Runs one statement that returns no rows, leaving the deferred records where they are: for the
    /// statements that hold or write them, and those whose effect no deferred row changes.
    private func executeLeavingDeferred(_ sql: some SQLText, _ values: [SQLValue] = []) throws(OptOutError) {
        let database = database
        try store.sql { try database.execute(sql, values) }
    }

    // MARK: - Deferred records

    /// The rows `record` holds back, during `deferringRecords(in:_:)`.
    private var deferred: DeferredRecords?

    /// Runs `body`, in which `record` holds back the new entries and the events of `scope` and writes
    /// them a table at a time (`DeferredRecords`), every `DeferredRecords.capacity` rows and at the end.
    /// The outcome of every record, the rows stored and the order of the event ids are what recording
    /// them one by one gives; what changes is the order SQLite writes its pages in. For bulk changes in
    /// a database that links no identifiers (`linksExist()`), whose entries are not copied to others.
    ///
    /// `keys`, when given, spans the match keys the body records: if no entry of `scope` is stored in
    /// that span (one indexed query), the body's records look none up (`DeferredRecords.absentKeys`).
    func deferringRecords<T>(in scope: String, keys: ClosedRange<UInt64>? = nil, _ body: () throws -> T) throws(OptOutError) -> T {
        try writeDeferred()
        // Asked now, so that no record asks it (a query, which writes the held rows first) later.
        _ = try linksExist()
        let database = database
        try store.sql { try database.executeScript(DeferredRecords.createTables) }
        var held = DeferredRecords(scope: scope)
        if let keys, let range = DeferredRecords.storedRange(of: keys) {
            let stored = try store.sql {
                try database.firstRow(
                    DeferredRecords.anyEntryInRange, [.text(scope), .integer(range.lowerBound), .integer(range.upperBound)]) { _ in true }
            }
            if stored == nil { held.absentKeys = keys }
        }
        deferred = held
        defer { deferred = nil }
        let result = try store.sql { try body() }
        try writeDeferred()
        return result
    }

    override func connection() throws(OptOutError) -> Database {
        try writeDeferred()
        // Another statement may store entries: no key is known to be absent any more.
        deferred?.absentKeys = nil
        return database
    }

    /// Writes the deferred rows, if any: the entries, then the events, each with one statement.
    private func writeDeferred() throws(OptOutError) {
        guard var held = deferred, !held.isEmpty else { return }
        deferred = nil
        // In key order, the order of the table's primary key: rows of one page go in together. Held by
        // their key columns while they share the rest; from the first that differs, whole.
        var shared: [SQLValue]?
        var whole = false
        for key in held.order.sorted() {
            guard let entry = held.entries[key] else { continue }
            if !whole {
                let values = DeferredRecords.sharedEntryColumns.map { $0.value(of: entry) }
                if shared == nil || shared == values {
                    shared = values
                    try executeLeavingDeferred(DeferredRecords.insertEntryKeys, DeferredRecords.entryKeyColumns.map { $0.value(of: entry) })
                    continue
                }
                try writeHeldEntries(sharing: shared)
                shared = nil
                whole = true
            }
            try executeLeavingDeferred(DeferredRecords.insertEntry, EntryColumn.allCases.map { $0.value(of: entry) })
        }
        if !held.order.isEmpty { try writeHeldEntries(sharing: shared) }
        if held.events > 0 {
            if let shared = held.sharedEventValues {
                try executeLeavingDeferred(DeferredRecords.writeEventsSharing, shared)
                try executeLeavingDeferred(DeferredRecords.clearEventKeys)
            } else {
                try executeLeavingDeferred(DeferredRecords.writeEvents)
                try executeLeavingDeferred(DeferredRecords.clearEvents)
            }
        }
        held.entriesWritten()
        held.removeAll()
        deferred = held
    }

    /// Writes the entries held: those of `deferred_entry_keys` with the values of
    /// `DeferredRecords.sharedEntryColumns` given, or, with none, the whole ones of `deferred_entries`.
    private func writeHeldEntries(sharing shared: [SQLValue]?) throws(OptOutError) {
        if let shared {
            try executeLeavingDeferred(DeferredRecords.writeEntriesSharing, shared)
            try executeLeavingDeferred(DeferredRecords.clearEntryKeys)
        } else {
            try executeLeavingDeferred(DeferredRecords.writeEntries)
            try executeLeavingDeferred(DeferredRecords.clearEntries)
        }
    }

    /// The entry of a key as recorded so far (`ReadTransaction.entry(scope:matchKey:)`): its deferred
    /// entry, else the stored one, read without writing the deferred rows first (none of them is an entry
    /// of this key).
    override public func entry(scope: String, matchKey: UInt64) throws(OptOutError) -> Entry? {
        guard let held = deferred, held.scope == scope else { return try super.entry(scope: scope, matchKey: matchKey) }
        if let entry = held.entry(scope: scope, matchKey: matchKey) { return entry }
        if held.isAbsent(scope: scope, matchKey: matchKey) { return nil }
        let database = database
        return try store.sql {
            try database.firstRow(EntryColumn.selectByKey, EntryColumn.key(scope: scope, matchKey: matchKey), EntryColumn.decode)
        }
    }

    /// The status of a key as recorded so far (`ReadTransaction.status(scope:matchKey:)`), as `entry`
    /// reads it.
    override public func status(scope: String, matchKey: UInt64) throws(OptOutError) -> Status {
        guard deferred?.scope == scope else { return try super.status(scope: scope, matchKey: matchKey) }
        return try entry(scope: scope, matchKey: matchKey)?.status ?? .active
    }

    // MARK: - Events

    /// Applies one event to its entry and appends it to the log when it changes something, arrives
    /// out of order (logged, not applied), or is a `review`.
    ///
    /// Rules: a fact changes only when the event is not older than the fact's last change; an event
    /// that would set a fact to the value it has is not logged; an import never lowers a suppression;
    /// an opt-in by keyword or button acts only on an opted-out number, and otherwise is logged to mark
    /// the time of the customer's latest word, so a STOP sent before it but delivered after it is stale.
    @discardableResult
    public func record(_ given: NewEvent, recordedAt: Timestamp) throws(OptOutError) -> RecordOutcome {
        // An event time far ahead of the receiving clock is not trusted: the event takes the time it
        // was received and keeps the claimed one. Staff act now, whatever time was given.
        var event = given
        var claimedAt: Timestamp?
        if event.source == .manual {
            event.at = recordedAt
        } else if event.at > recordedAt.adding(milliseconds: Self.futureTolerance) {
            claimedAt = event.at
            event.at = recordedAt
        }
        let key = event.identifier.matchKey
        let before = try entry(scope: event.scope, matchKey: key)
        var entry = before ?? Entry(scope: event.scope, identifier: event.identifier, changedAt: event.at)
        var changes = FactChanges(event: event)
        var marked = false

        // An import never lowers a suppression: it may record consent only where there is no opt-out.
        let lowersSuppression = [.unblock, .liftOptOut, .marketingResume, .reviewAccept, .reviewDismiss, .reviewUndo]
            .contains(event.action)
            || (event.action == .optIn && entry.consent.value == .optedOut)
        if !(event.source == .import && lowersSuppression) {
            switch event.action {
            case .optOut:
                if entry.consent.value == .optedOut, event.layer != nil, try consentIsUndoable(entry) {
                    // The customer asks again after an opt-out that `review undo` could reverse: the
                    // request is logged, so that an undo sees the customer spoke since and refuses.
                    marked = true
                } else {
                    changes.update(&entry.consent, to: .optedOut)
                }
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
            case .liftOptOut:
                if entry.consent.value == .optedOut { changes.update(&entry.consent, to: nil) }
            case .marketingStop:
                changes.update(&entry.marketingStopped, to: true)
            case .marketingResume:
                changes.update(&entry.marketingStopped, to: false)
            case .review:
                changes.update(&entry.reviewPending, to: true)
            case .reviewAccept, .reviewDismiss:
                changes.update(&entry.reviewPending, to: false)
            case .reviewUndo:
                changes.update(&entry.consent, to: event.restoredConsent)
            case .link:
                break  // `link(_:_:…)` merges the subjects and logs the event itself
            case .forget:
                break  // `forget(_:…)` erases the texts; the event only records that it did
            }
        }

        let changed = changes.changed
        let stale = changes.stale
        if changed {
            entry.identifier = event.identifier
            entry.changedAt = changes.neverStale ? event.at : max(before == nil ? event.at : entry.changedAt, event.at)
            entry.actor = event.actor
            entry.reason = event.reason
        }
        if changed || marked { try saveForSubject(entry, exists: before != nil) }
        let logged = changed || marked || stale || event.action == .review || event.action == .forget
        if logged { try append(event, recordedAt: recordedAt, applied: !stale, claimedAt: claimedAt) }
        let after = (changed || marked) ? entry : before
        return RecordOutcome(
            logged: logged, changed: changed, stale: stale && !changed, before: before, after: after, claimedAt: claimedAt)
    }

    /// Whether the entry's opt-out was applied by an undoable layer (`ReviewDecision.undoableLayers`).
    private func consentIsUndoable(_ entry: Entry) throws(OptOutError) -> Bool {
        guard let at = entry.consent.at else { return false }
        let layer = try scalarText(
            Self.optOutLayer, [.text(entry.scope), .integer(Int64(bitPattern: entry.identifier.matchKey)), .integer(at.milliseconds)])
        return layer.flatMap(MatchLayer.init(rawValue:)).map(ReviewDecision.undoableLayers.contains) ?? false
    }

    private static let optOutLayer = SQLQuery(
        "SELECT layer FROM events WHERE scope = ? AND match_key = ? AND action = 'opt-out' AND applied = 1 AND at = ? ORDER BY id DESC LIMIT 1")

    /// Applies an event's target values to facts, remembering whether any changed or was stale.
    private struct FactChanges {
        let event: NewEvent
        var changed = false
        var stale = false
        /// A staff change always takes effect over any earlier event: it is never stale.
        var neverStale: Bool { event.source == .manual }

        init(event: NewEvent) { self.event = event }

        /// Sets `fact` to `value` unless it has it already or changed after the event's time.
        mutating func update<Value>(_ fact: inout FactRecord<Value>, to value: Value) {
            guard fact.value != value else { return }
            if !neverStale, let at = fact.at, event.at < at {
                stale = true
                return
            }
            fact = FactRecord(value: value, at: event.at, source: event.source)
            changed = true
        }
    }

    /// Saves `entry`: an update of the stored row when there is one (`exists` says whether there is,
    /// when the caller read it), else an insert.
    private func save(_ entry: Entry, exists: Bool? = nil) throws(OptOutError) {
        if deferred?.scope == entry.scope {
            if exists == false || deferred?.entry(scope: entry.scope, matchKey: entry.identifier.matchKey) != nil {
                // A new entry (no stored row), or one deferred already: held until written.
                deferred?.save(entry)
                if deferred?.isFull == true { try writeDeferred() }
                return
            }
            // A stored entry is not deferred: its update does not wait for the deferred rows.
            try executeLeavingDeferred(EntryColumn.update, EntryColumn.updateOrder.map { $0.value(of: entry) })
            if database.changes > 0 { return }
        } else if exists != false {
            try execute(EntryColumn.update, EntryColumn.updateOrder.map { $0.value(of: entry) })
            if database.changes > 0 { return }
        }
        try execute(EntryColumn.upsert, EntryColumn.allCases.map { $0.value(of: entry) })
    }

    /// Saves `entry` (`exists` as for `save`) and, with its facts, the entry of every identifier linked
    /// to it: each identifier of a subject keeps an entry holding the subject's facts, so every reader
    /// (check, filter-campaign, export) finds them under whichever identifier it holds.
    private func saveForSubject(_ entry: Entry, exists: Bool? = nil) throws(OptOutError) {
        try save(entry, exists: exists)
        guard try linksExist() else { return }
        // Compared by key: `+5215512345678` and `+525512345678` are one identifier (contract §3).
        for member in try subjectIdentifiers(scope: entry.scope, of: entry.identifier)
        where member.matchKey != entry.identifier.matchKey {
            var copy = entry
            copy.identifier = member
            try save(copy)
        }
    }

    // MARK: - Links

    /// Whether any identifiers are linked, asked once per transaction (the write lock keeps other
    /// processes from linking meanwhile; `link` sets it): most databases have none, and then recording
    /// an event costs no extra query.
    private var linked: Bool?

    func linksExist() throws(OptOutError) -> Bool {
        if let linked { return linked }
        let exists = try anyLinks()
        linked = exists
        return exists
    }

    /// Links `first` and `second` as one person in `scope` (contract §2): their subjects become one,
    /// whose facts are, fact by fact, the more restrictive of theirs (blocked over not, opted-out over
    /// opted-in over none), so a suppression under either identifier covers both. Logs a `link` event
    /// under `first`. Returns false, logging nothing, when they are one subject already.
    @discardableResult
    public func link(
        _ first: Identifier, _ second: Identifier, scope: String, source: Source, at: Timestamp, recordedAt: Timestamp,
        actor: String? = nil, messageID: String? = nil, reason: String? = nil
    ) throws(OptOutError) -> Bool {
        let firstMembers = try subjectIdentifiers(scope: scope, of: first)
        let secondMembers = try subjectIdentifiers(scope: scope, of: second)
        let firstKeys = Set(firstMembers.map(\.matchKey))
        if firstKeys.contains(second.matchKey) { return false }
        let members = firstMembers + secondMembers.filter { !firstKeys.contains($0.matchKey) }
        let subject = try subjectKey(scope: scope, of: first)
        linked = true
        for member in members {
            try execute(
                "INSERT OR REPLACE INTO identifiers (scope, match_key, identifier, subject, linked_at) VALUES (?, ?, ?, ?, ?)",
                [.text(scope), .integer(Int64(bitPattern: member.matchKey)), .text(member.text),
                 .integer(Int64(bitPattern: subject)), .integer(recordedAt.milliseconds)])
        }
        var entries: [Entry] = []
        for member in members {
            if let entry = try entry(scope: scope, matchKey: member.matchKey) { entries.append(entry) }
        }
        if var merged = Self.merging(entries) {
            merged.identifier = first
            try saveForSubject(merged)
        }
        var event = NewEvent(
            scope: scope, identifier: first, action: .link, source: source, at: at, actor: actor,
            reason: reason ?? "linked to \(second.text)", messageID: messageID)
        event.linkedIdentifier = second
        try append(event, recordedAt: recordedAt, applied: true, claimedAt: nil)
        return true
    }

    /// The subject's key: the key its identifiers share in `identifiers`, or the identifier's own.
    private func subjectKey(scope: String, of identifier: Identifier) throws(OptOutError) -> UInt64 {
        let stored = try scalarInt(
            "SELECT subject FROM identifiers WHERE scope = ? AND match_key = ?",
            [.text(scope), .integer(Int64(bitPattern: identifier.matchKey))])
        return stored.map { UInt64(bitPattern: $0) } ?? identifier.matchKey
    }

    /// One entry with, fact by fact, the most restrictive of `entries` (nil for none).
    private static func merging(_ entries: [Entry]) -> Entry? {
        guard var merged = entries.max(by: { $0.changedAt < $1.changedAt }) else { return nil }
        func rank(_ consent: Consent?) -> Int { consent == .optedOut ? 2 : consent == .optedIn ? 1 : 0 }
        for entry in entries {
            if entry.blocked.value && !merged.blocked.value { merged.blocked = entry.blocked }
            if entry.marketingStopped.value && !merged.marketingStopped.value { merged.marketingStopped = entry.marketingStopped }
            if entry.reviewPending.value && !merged.reviewPending.value { merged.reviewPending = entry.reviewPending }
            if rank(entry.consent.value) > rank(merged.consent.value) { merged.consent = entry.consent }
        }
        return merged
    }

    private func append(_ event: NewEvent, recordedAt: Timestamp, applied: Bool, claimedAt: Timestamp?) throws(OptOutError) {
        let osUser = store.osUser
        func values(_ columns: [EventColumn]) -> [SQLValue] {
            columns.map { $0.value(of: event, recordedAt: recordedAt, applied: applied, claimedAt: claimedAt, osUser: osUser) }
        }
        guard deferred?.scope == event.scope else {
            try execute(EventColumn.insert, values(EventColumn.appended))
            return
        }
        if deferred?.eventsHeldWhole == false {
            let shared = values(DeferredRecords.sharedEventColumns)
            if (deferred?.sharedEventValues ?? shared) == shared {
                deferred?.sharedEventValues = shared
                try executeLeavingDeferred(DeferredRecords.insertEventKeys, values(DeferredRecords.eventKeyColumns))
            } else {
                // It differs from the events held beyond its number: they are written, and the rest of
                // this deferral holds whole events.
                try writeDeferred()
                deferred?.eventsHeldWhole = true
            }
        }
        if deferred?.eventsHeldWhole == true {
            try executeLeavingDeferred(DeferredRecords.insertEvent, values(EventColumn.appended))
        }
        deferred?.events += 1
        if deferred?.isFull == true { try writeDeferred() }
    }

    /// How far ahead of the receiving clock an event time may be and still be trusted: 5 minutes.
    public static let futureTolerance: Int64 = 5 * 60 * 1000

    /// Records that inbound message `id` was processed in `scope`; false when it had been already.
    /// Call before recording the message's events.
    public func markMessageProcessed(scope: String, id: String, at: Timestamp) throws(OptOutError) -> Bool {
        // No deferred row is a processed message: the deferred records need not be written first.
        try executeLeavingDeferred(Self.processedMessage, [.text(scope), .text(id), .integer(at.milliseconds)])
        return database.changes == 1
    }

    private static let processedMessage = SQLQuery("INSERT OR IGNORE INTO inbound_messages (scope, message_id, received_at) VALUES (?, ?, ?)")

    // MARK: - Cursors

    /// Moves (or creates) the export cursor `name` to event `eventID`.
    public func moveCursor(
        _ name: String, from old: Int64?, to eventID: Int64, at time: Timestamp, change: CursorChange.Reason, actor: String?
    ) throws(OptOutError) {
        try execute(
            """
            INSERT INTO cursors (name, last_event_id, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at = excluded.updated_at
            """, [.text(name), .integer(eventID), .integer(time.milliseconds)])
        try recordCursorChange(name, change, from: old, to: eventID, at: time, actor: actor)
    }

    /// Moves the cursor `name` back to `target` (audited) and returns the change; 66 when there is no
    /// such cursor, 64 when the target is ahead of it (a rewind never skips events).
    public func rewindCursor(_ name: String, to target: CursorTarget, at time: Timestamp, actor: String?) throws(OptOutError) -> CursorChange {
        guard let current = try cursorPosition(name) else {
            throw OptOutError(.inputMissing, "no cursor '\(NumberInput.shown(name))' (see 'optout cursor list')")
        }
        let position: Int64
        switch target {
        case .after(let eventID): position = eventID
        case .recordedFrom(let start): position = try eventPosition(before: start)
        }
        guard position <= current else {
            throw OptOutError(.usage, "cursor '\(NumberInput.shown(name))' is at event \(current): rewind moves it back, not forward to \(position)")
        }
        try moveCursor(name, from: current, to: position, at: time, change: .rewind, actor: actor)
        return CursorChange(id: 0, action: .rewind, from: current, to: position, records: nil, file: nil, at: time, actor: actor, osUser: store.osUser)
    }

    // MARK: - Erasure

    /// Erases what the log holds about a person beyond the identifier (contract §5, GDPR art. 17): the
    /// message texts, reasons and quoting rules of the events of `identifier` and every identifier
    /// linked to it, and the reasons on their entries, in
    /// every scope, then records a `forget` event (with `reason`) in each scope that knew it. The
    /// suppressions stay: a suppression list keeps the identifier to honour the request. Returns the
    /// number of events whose texts were erased; 66 when no scope knows the identifier.
    public func forget(_ identifier: Identifier, reason: String, actor: String?, at time: Timestamp) throws(OptOutError) -> Int {
        var scopes: [String] = []
        try forEachRow(
            "SELECT DISTINCT scope FROM entries WHERE match_key = ? UNION SELECT DISTINCT scope FROM events WHERE match_key = ?",
            [.integer(Int64(bitPattern: identifier.matchKey)), .integer(Int64(bitPattern: identifier.matchKey))]
        ) { row in scopes.append(row.text(0)) }
        guard !scopes.isEmpty else {
            throw OptOutError(.inputMissing, "\(identifier.text) is not in the database: nothing to forget")
        }
        var erased = 0
        for scope in scopes.sorted() {
            for member in try subjectIdentifiers(scope: scope, of: identifier) {
                let key: [SQLValue] = [.text(scope), .integer(Int64(bitPattern: member.matchKey))]
                // The rule of a message's verdict quotes the words that decided it: it goes with the text.
                try execute(
                    """
                    UPDATE events SET message_text = NULL, reason = NULL, rule = NULL
                    WHERE scope = ? AND match_key = ? AND (message_text IS NOT NULL OR reason IS NOT NULL OR rule IS NOT NULL)
                    """, key)
                erased += Int(try scalarInt("SELECT changes()") ?? 0)
                try execute("UPDATE entries SET reason = NULL WHERE scope = ? AND match_key = ?", key)
            }
            try record(
                NewEvent(scope: scope, identifier: identifier, action: .forget, source: .manual, at: time, actor: actor, reason: reason),
                recordedAt: time)
        }
        return erased
    }

    /// Erases the message texts (and the rules quoting them) of every event older than `time` (data
    /// minimisation), audited in `redactions`; returns how many events lost their text.
    public func redactMessageTexts(before time: Timestamp, actor: String?, at now: Timestamp) throws(OptOutError) -> Int {
        try execute(
            "UPDATE events SET message_text = NULL, rule = NULL WHERE at < ? AND message_text IS NOT NULL", [.integer(time.milliseconds)])
        let count = Int(try scalarInt("SELECT changes()") ?? 0)
        try execute(
            "INSERT INTO redactions (before, events, at, actor, os_user) VALUES (?, ?, ?, ?, ?)",
            [.integer(time.milliseconds), .integer(Int64(count)), .integer(now.milliseconds), .optional(actor), .optional(store.osUser)])
        return count
    }

    /// Applies `keep-message-text-days`: erases the texts older than its days, cut at UTC midnight so
    /// that it runs at most once a day (the `redactions` audit holds the last cut-off). Off by default.
    func applyMessageTextRetention(at now: Timestamp) throws(OptOutError) {
        guard let days = Int64(try setting(Settings.keepMessageTextDays, scope: "default")) else { return }
        let day: Int64 = 86_400_000
        let cutoff = (now.milliseconds / day - days) * day
        guard cutoff > (try scalarInt(Self.lastRedaction) ?? Int64.min) else { return }
        _ = try redactMessageTexts(before: Timestamp(milliseconds: cutoff), actor: "keep-message-text-days", at: now)
    }

    private static let lastRedaction = SQLQuery("SELECT max(before) FROM redactions")

    /// Deletes the cursor `name` (audited); false when there is none.
    public func deleteCursor(_ name: String, at time: Timestamp, actor: String?) throws(OptOutError) -> Bool {
        guard let old = try cursorPosition(name) else { return false }
        try execute("DELETE FROM cursors WHERE name = ?", [.text(name)])
        try recordCursorChange(name, .delete, from: old, to: nil, at: time, actor: actor)
        return true
    }

    private func recordCursorChange(
        _ name: String, _ change: CursorChange.Reason, from old: Int64?, to new: Int64?, at time: Timestamp, actor: String?
    ) throws(OptOutError) {
        var records: Int64?
        var file: String?
        if case .export(let count, let name) = change {
            records = Int64(count)
            file = name
        }
        try execute(
            """
            INSERT INTO cursor_changes (name, action, old_event_id, new_event_id, records, file, at, actor, os_user)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(name), .text(change.action.rawValue), .optional(old), .optional(new), .optional(records), .optional(file), .integer(time.milliseconds), .optional(actor),
             .optional(store.osUser)])
    }

    // MARK: - Settings

    /// Validates and stores a setting in `scope`, and records the change (`setting_changes`); returns
    /// the stored value. Keyword lists must keep their protected words, and a keyword belongs to one set
    /// (`KeywordProtection`), in this scope and in every scope that inherits it.
    @discardableResult
    public func setSetting(
        _ definition: SettingDefinition, to value: String, scope: String, actor: String?, at: Timestamp
    ) throws(OptOutError) -> String {
        let stored = try definition.validate(value)
        try checkKeywords(changing: definition, to: stored, in: scope)
        let old = try storedSetting(definition.key, scope: scope)
        try execute(
            "INSERT INTO settings (scope, key, value) VALUES (?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value",
            [.text(scope), .text(definition.key), .text(stored)])
        if old != stored { try recordChange(definition, scope: scope, from: old, to: stored, actor: actor, at: at) }
        return stored
    }

    /// Removes a setting from `scope`, so that it inherits again, and records the change. The value it
    /// inherits must pass the keyword rules too; when it does not, the error rolls the write back.
    public func resetSetting(_ definition: SettingDefinition, scope: String, actor: String?, at: Timestamp) throws(OptOutError) {
        guard let old = try storedSetting(definition.key, scope: scope) else { return }
        try execute("DELETE FROM settings WHERE scope = ? AND key = ?", [.text(scope), .text(definition.key)])
        try checkKeywords(changing: definition, to: try setting(definition, scope: scope), in: scope)
        try recordChange(definition, scope: scope, from: old, to: nil, actor: actor, at: at)
    }

    private func recordChange(
        _ definition: SettingDefinition, scope: String, from old: String?, to new: String?, actor: String?, at: Timestamp
    ) throws(OptOutError) {
        try execute(
            "INSERT INTO setting_changes (scope, key, old_value, new_value, at, actor, os_user) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(scope), .text(definition.key), .optional(old), .optional(new), .integer(at.milliseconds),
             .optional(actor), .optional(store.osUser)])
    }

    /// For a keyword list: the keyword sets of `scope` with the new value, and of every scope that
    /// inherits the list from it, must pass `KeywordProtection`.
    private func checkKeywords(changing definition: SettingDefinition, to value: String, in scope: String) throws(OptOutError) {
        guard let changed = IngestSettings.keywordSet(forKey: definition.key) else { return }
        var scopes = [scope]
        if scope == Settings.defaultScope { scopes += try scopesWithSettings().filter { $0 != scope } }
        for checked in scopes {
            var sets = try keywordSets(scope: checked)
            let overridden = try storedSetting(definition.key, scope: checked) != nil
            if checked == scope || !overridden {
                sets[changed] = IngestSettings.splitKeywords(value)
            }
            do {
                try KeywordProtection.check(sets)
            } catch {
                guard checked != scope else { throw error }
                throw OptOutError(.usage, "\(error.message) in scope \(checked), which inherits \(definition.key)")
            }
        }
    }
}
