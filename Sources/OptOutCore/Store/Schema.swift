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
        """,
        // 2: settings per scope; the audit of setting changes; events keep a distrusted claimed time
        // and the operating-system user. The marker (application_id) is set with the version.
        """
        CREATE TABLE settings_by_scope (
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (scope, key)
        ) WITHOUT ROWID;
        INSERT INTO settings_by_scope (scope, key, value) SELECT 'default', key, value FROM settings;
        DROP TABLE settings;
        ALTER TABLE settings_by_scope RENAME TO settings;

        CREATE TABLE setting_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            at INTEGER NOT NULL,
            actor TEXT,
            os_user TEXT
        );

        ALTER TABLE events ADD COLUMN claimed_at INTEGER;
        ALTER TABLE events ADD COLUMN os_user TEXT;
        """,
        // 3: the review-pending fact. Reviews that earlier releases logged were never decided: the
        // latest review of a person, when nothing was recorded for them after it, is pending (held
        // from marketing until someone decides), creating the person's entry where there was none.
        """
        ALTER TABLE entries ADD COLUMN review_pending INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE entries ADD COLUMN review_at INTEGER;
        ALTER TABLE entries ADD COLUMN review_source TEXT;
        CREATE TEMP TABLE undecided AS
            SELECT e.scope, e.match_key, e.number, e.at, e.source FROM events e
            WHERE e.action = 'review'
              AND e.id = (SELECT max(x.id) FROM events x WHERE x.scope = e.scope AND x.match_key = e.match_key);
        UPDATE entries SET review_pending = 1,
            review_at = (SELECT u.at FROM undecided u WHERE u.scope = entries.scope AND u.match_key = entries.match_key),
            review_source = (SELECT u.source FROM undecided u WHERE u.scope = entries.scope AND u.match_key = entries.match_key)
            WHERE EXISTS (SELECT 1 FROM undecided u WHERE u.scope = entries.scope AND u.match_key = entries.match_key);
        UPDATE entries SET status = 'review-pending' WHERE review_pending = 1 AND status IN ('opted-in', 'active');
        INSERT OR IGNORE INTO entries (scope, match_key, number, status, changed_at, review_pending, review_at, review_source)
            SELECT scope, match_key, number, 'review-pending', at, 1, at, source FROM undecided;
        DROP TABLE undecided;
        """,
        // 4: the matcher's layer and rule on each event, the verdict a review proposes, and the event
        // a decision is about (a review accepted, dismissed or undone).
        """
        ALTER TABLE events ADD COLUMN layer TEXT;
        ALTER TABLE events ADD COLUMN rule TEXT;
        ALTER TABLE events ADD COLUMN proposed TEXT;
        ALTER TABLE events ADD COLUMN target_event INTEGER;
        """,
        // 5: subjects known by several identifiers. An identifier without a row is a subject of its own;
        // linked identifiers share `subject`, and each keeps an entry holding the subject's facts.
        """
        CREATE TABLE identifiers (
            scope TEXT NOT NULL,
            match_key INTEGER NOT NULL,
            identifier TEXT NOT NULL,
            subject INTEGER NOT NULL,
            linked_at INTEGER NOT NULL,
            PRIMARY KEY (scope, match_key)
        ) WITHOUT ROWID;
        CREATE INDEX identifiers_by_subject ON identifiers (scope, subject);
        """,
        // 6: the outbox of replies the business sends through Meta's API, filled with the event that
        // decided them and acknowledged once sent.
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scope TEXT NOT NULL,
            recipient TEXT NOT NULL,
            line TEXT,
            text TEXT NOT NULL,
            message_id TEXT,
            created_at INTEGER NOT NULL,
            sent_at INTEGER
        );
        CREATE INDEX outbox_unsent ON outbox (sent_at, id);
        """,
        // 7: event ids are never reused, whatever is deleted: the table is rebuilt with AUTOINCREMENT
        // (https://www.sqlite.org/autoinc.html), its high-water mark starting above every id a row or a
        // cursor has held, so a cursor feed never skips a later event. A link names its other identifier
        // (`verify` replays it). Cursor changes and redactions of message texts are audited.
        """
        CREATE TABLE events_v7 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
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
            applied INTEGER NOT NULL,
            claimed_at INTEGER,
            os_user TEXT,
            layer TEXT,
            rule TEXT,
            proposed TEXT,
            target_event INTEGER,
            linked_identifier TEXT
        );
        INSERT INTO events_v7 (id, scope, match_key, number, action, source, at, recorded_at, actor, reason, message_id, message_text, keyword, applied, claimed_at, os_user, layer, rule, proposed, target_event) SELECT id, scope, match_key, number, action, source, at, recorded_at, actor, reason, message_id, message_text, keyword, applied, claimed_at, os_user, layer, rule, proposed, target_event FROM events;
        DROP TABLE events;
        ALTER TABLE events_v7 RENAME TO events;
        CREATE INDEX events_by_number ON events (scope, match_key, id);
        CREATE INDEX events_by_time ON events (at, id);
        INSERT INTO sqlite_sequence (name, seq)
            SELECT 'events', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events');
        UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(id) FROM events), 0),
            coalesce((SELECT max(last_event_id) FROM cursors), 0)) WHERE name = 'events';

        CREATE TABLE cursor_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            action TEXT NOT NULL,
            old_event_id INTEGER,
            new_event_id INTEGER,
            records INTEGER,
            file TEXT,
            at INTEGER NOT NULL,
            actor TEXT,
            os_user TEXT
        );
        CREATE INDEX cursor_changes_by_name ON cursor_changes (name, id);

        CREATE TABLE redactions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            before INTEGER NOT NULL,
            events INTEGER NOT NULL,
            at INTEGER NOT NULL,
            actor TEXT,
            os_user TEXT
        );
        """,
        // 8: look-ups by identifier use an index whatever the scope: the event and entry indexes lead
        // with the match key (an equality on the scope as well still uses them). A cursor rewound to a
        // time and the automatic opt-outs of the last days find their events through an index on the
        // recording time; the review queue and the undo of a review through small partial indexes
        // (https://www.sqlite.org/partialindex.html).
        """
        DROP INDEX events_by_number;
        CREATE INDEX events_by_identifier ON events (match_key, scope, id);
        CREATE INDEX entries_by_identifier ON entries (match_key);
        CREATE INDEX events_by_recorded ON events (recorded_at, id);
        CREATE INDEX events_by_target ON events (target_event) WHERE target_event IS NOT NULL;
        CREATE INDEX entries_pending_review ON entries (scope) WHERE review_pending = 1;
        """,
    ]

    /// The schema version this build writes.
    static var version: Int64 { Int64(migrations.count) }

    /// optout's marker in the database header (`PRAGMA application_id`, "OPTO"), set by the first
    /// migration a database runs with this build (https://www.sqlite.org/pragma.html#pragma_application_id).
    static let applicationID: Int64 = 0x4F50_544F

    /// The tables of schema version 1, as the first release wrote them without a marker.
    static let firstReleaseTables: Set<String> = ["entries", "events", "inbound_messages", "settings", "cursors"]

    /// The schema version of an open database, after checking it is optout's: it carries the marker,
    /// or it is empty (no tables, version 0: a new database), or it is a database of the first release
    /// (version 1, exactly its tables, no marker). Anything else is refused untouched (65): another
    /// application's SQLite file, or a version no release of optout writes or this build is too old for.
    static func identify(_ database: Database, path: String) throws -> Int64 {
        let marker = try database.scalarInt("PRAGMA application_id") ?? 0
        let version = try database.scalarInt("PRAGMA user_version") ?? 0
        if marker == applicationID {
            guard version >= 2 else {
                throw OptOutError(.badInput, "database \(path) has schema version \(version), which no release of optout writes; refusing to touch it")
            }
            guard version <= Schema.version else {
                throw OptOutError(
                    .badInput,
                    "database \(path) has schema version \(version), newer than this optout understands (\(Schema.version)); upgrade optout")
            }
            return version
        }
        let tables = Set(try database.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
            $0.text(0)
        })
        if marker == 0 && version == 0 && tables.isEmpty { return 0 }
        if marker == 0 && version == 1 && tables == firstReleaseTables { return 1 }
        throw OptOutError(
            .badInput,
            "\(path) is an SQLite database of another application (no optout schema); refusing to touch it")
    }
}
