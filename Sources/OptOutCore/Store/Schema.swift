/// The database schema, as an ordered list of migrations keyed on `PRAGMA user_version`
/// (https://www.sqlite.org/pragma.html#pragma_user_version).
///
/// Migration N takes a database from version N-1 to N. A migration is never edited once released;
/// a change of schema is a new migration appended to the list.
enum Schema {
    /// The migrations, in order; `version` is their count.
    static let migrations: [String] = [
        // 1: entries, the event log, processed inbound messages, settings, export cursors.
        """
        CREATE TABLE entries (
            scope TEXT NOT NULL,
            match_key INTEGER NOT NULL,
            number TEXT NOT NULL,
            consent TEXT CHECK (consent IN ('opted-in', 'opted-out')),
            consent_at INTEGER,
            consent_source TEXT,
            blocked INTEGER NOT NULL DEFAULT 0,
            blocked_at INTEGER,
            blocked_source TEXT,
            marketing_stopped INTEGER NOT NULL DEFAULT 0,
            marketing_at INTEGER,
            marketing_source TEXT,
            status TEXT NOT NULL,
            changed_at INTEGER NOT NULL,
            actor TEXT,
            reason TEXT,
            PRIMARY KEY (scope, match_key)
        ) WITHOUT ROWID;
        CREATE INDEX entries_by_change ON entries (scope, changed_at, number);
        CREATE INDEX entries_by_change_all_scopes ON entries (changed_at, number);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,
            match_key INTEGER NOT NULL,
            number TEXT NOT NULL,
            action TEXT NOT NULL,
            source TEXT NOT NULL,
            at INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            actor TEXT,
            reason TEXT,
            message_id TEXT,
            message_text TEXT,
            keyword TEXT,
            applied INTEGER NOT NULL
        );
        CREATE INDEX events_by_number ON events (scope, match_key, id);
        CREATE INDEX events_by_time ON events (at, id);

        CREATE TABLE inbound_messages (
            scope TEXT NOT NULL,
            message_id TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            PRIMARY KEY (scope, message_id)
        ) WITHOUT ROWID;

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE cursors (
            name TEXT PRIMARY KEY,
            last_event_id INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """
    ]

    /// The schema version this build writes.
    static var version: Int64 { Int64(migrations.count) }
}
