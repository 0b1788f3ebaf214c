/// A write transaction of the store (`BEGIN IMMEDIATE`): everything in it is committed together, or
/// nothing is.
///
/// Given to the body of `OptOutStore.write(_:_:)`; valid only inside it. Every change of state is an
/// event recorded with `record(_:recordedAt:)`, which holds the rules of contract §2.
public final class WriteTransaction: ReadTransaction {
    /// Runs one statement that returns no rows.
    func execute(_ sql: String, _ values: [SQLValue] = []) throws(OptOutError) {
        let database = database
        try store.sql { try database.execute(sql, values) }
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
    public func record(_ event: NewEvent, recordedAt: Timestamp) throws(OptOutError) -> RecordOutcome {
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
        return RecordOutcome(logged: logged, changed: changed, stale: stale && !changed, before: before, after: after)
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

    private func save(_ entry: Entry) throws(OptOutError) {
        try execute(EntryColumn.upsert, EntryColumn.allCases.map { $0.value(of: entry) })
    }

    private func append(_ event: NewEvent, recordedAt: Timestamp, applied: Bool) throws(OptOutError) {
        try execute(
            EventColumn.insert,
            EventColumn.appended.map { $0.value(of: event, recordedAt: recordedAt, applied: applied) })
    }

    /// Records that inbound message `id` was processed in `scope`; false when it had been already.
    /// Call before recording the message's events.
    public func markMessageProcessed(scope: String, id: String, at: Timestamp) throws(OptOutError) -> Bool {
        try execute(
            "INSERT OR IGNORE INTO inbound_messages (scope, message_id, received_at) VALUES (?, ?, ?)",
            [.text(scope), .text(id), .integer(at.milliseconds)])
        return database.changes == 1
    }

    // MARK: - Cursors

    /// Moves (or creates) the export cursor `name` to event `eventID`.
    public func moveCursor(_ name: String, to eventID: Int64, at time: Timestamp) throws(OptOutError) {
        try execute(
            """
            INSERT INTO cursors (name, last_event_id, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at = excluded.updated_at
            """, [.text(name), .integer(eventID), .integer(time.milliseconds)])
    }

    // MARK: - Settings

    /// Validates and stores a setting; returns the stored value.
    @discardableResult
    public func setSetting(_ definition: SettingDefinition, to value: String) throws(OptOutError) -> String {
        let stored = try definition.validate(value)
        try execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [.text(definition.key), .text(stored)])
        return stored
    }

    /// Removes a stored setting so its default applies again.
    public func resetSetting(_ definition: SettingDefinition) throws(OptOutError) {
        try execute("DELETE FROM settings WHERE key = ?", [.text(definition.key)])
    }
}
