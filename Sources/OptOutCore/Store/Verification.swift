import OptOutPlatform

/// `optout verify`: does the stored state still follow from the event log? (contract §5)
///
/// First SQLite's own `PRAGMA integrity_check` (https://www.sqlite.org/pragma.html#pragma_integrity_check),
/// which finds a damaged b-tree but not a wrong value in a well-formed row. Then the whole log is
/// replayed, in id order and through the same rules (`WriteTransaction.record` and `link`), into a
/// scratch database, and the scratch entries and links are compared with the stored ones, fact by
/// fact: a blocked number whose entry says "may receive" is found whatever byte was flipped. The scratch
/// database is what `repair` copies back.
public enum Verification {
    /// One way the stored state differs from the replayed one.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public var scope: String
        /// The identifier as stored (or as replayed, for a missing entry).
        public var subject: String
        /// The entry column, or `entry` / `link` for a whole row.
        public var fact: String
        public var stored: String
        public var expected: String

        public var description: String { "\(scope) \(subject) \(fact): stored \(stored), the log gives \(expected)" }
    }

    /// What `verify` found.
    public struct Report: Sendable {
        /// `integrity_check`'s lines other than `ok`.
        public var integrity: [String] = []
        /// Events replayed.
        public var events = 0
        /// Events the rules would not have logged as they are (applied or not).
        public var eventProblems: [String] = []
        /// Entries and links that differ from the replay.
        public var differences: [Difference] = []
        /// Links recorded before schema 7 name no second identifier; they are replayed from the stored links.
        public var linksFromStoredState = 0

        /// True when nothing differs.
        public var isClean: Bool { integrity.isEmpty && eventProblems.isEmpty && differences.isEmpty }
    }

    /// The entry columns compared: the facts, their times and sources, and the status they give.
    static let factColumns = [
        "consent", "consent_at", "consent_source", "blocked", "blocked_at", "blocked_source", "marketing_stopped",
        "marketing_at", "marketing_source", "review_pending", "review_at", "review_source", "status",
    ]

    /// The scratch database is thrown away when verify fails, so it needs no journal and no sync
    /// (https://www.sqlite.org/pragma.html#pragma_journal_mode), and it keeps only the indexes the rules
    /// read through (the entries' key, the events by identifier): every other index would be one more
    /// b-tree written per event, and `repair` copies rows, not indexes. Nearly halves the replay.
    static let scratchTuning = """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;
        DROP INDEX entries_by_change; DROP INDEX entries_by_change_all_scopes; DROP INDEX entries_by_identifier;
        DROP INDEX events_by_time; DROP INDEX events_by_recorded;
        """

    /// Events replayed per scratch transaction.
    static let batchSize = 20_000

    /// Checks `store`, replaying its log into a new database at `scratchPath` (which must not exist;
    /// the caller removes it). Returns the report and the scratch store (for `repair`).
    /// `progress`, when given, is told the events replayed and the total after each batch.
    public static func verify(
        _ store: OptOutStore, scratchPath: String, progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(OptOutError) -> (Report, OptOutStore) {
        var report = Report()
        report.integrity = try store.sql {
            try store.database.rows("PRAGMA integrity_check", []) { $0.text(0) }
        }.filter { $0 != "ok" }
        let scratch = try OptOutStore(path: scratchPath, opening: .write)
        try scratch.sql { try scratch.database.executeScript(Self.scratchTuning) }
        // Attached before the read transaction; first read (by `compare`) once the replay has committed.
        try store.sql { try store.database.executeScript("ATTACH DATABASE '\(scratch.path.replacingQuotes)' AS replayed") }
        defer { try? store.sql { try store.database.executeScript("DETACH DATABASE replayed") } }

        try store.read { source in
            let total = Int(try source.scalarInt("SELECT count(*) FROM events") ?? 0)
            var batch: [Event] = []
            func flush() throws(OptOutError) {
                let events = batch
                batch.removeAll(keepingCapacity: true)
                try scratch.write { replay in
                    for event in events { try Self.replay(event, into: replay, from: source, report: &report) }
                }
                progress?(report.events, total)
            }
            try source.forEachRow("SELECT \(EventColumn.selectList) FROM events ORDER BY id", []) { row in
                batch.append(try EventColumn.decode(row))
                report.events += 1
                if batch.count == Self.batchSize { try flush() }
            }
            try flush()
            report.differences = try Self.compare(source)
        }
        return (report, scratch)
    }

    /// Replays one event; a difference in whether and how it is logged is a problem of the log.
    private static func replay(
        _ event: Event, into replay: WriteTransaction, from source: ReadTransaction, report: inout Report
    ) throws(OptOutError) {
        if event.action == .link {
            var others: [Identifier] = []
            if let linked = event.linkedIdentifier {
                others = [linked]
            } else {
                // Before schema 7 a link named its other identifier only in its reason: the subject's
                // stored identifiers stand in for it.
                report.linksFromStoredState += 1
                others = try source.subjectIdentifiers(scope: event.scope, of: event.identifier)
                    .filter { $0.matchKey != event.identifier.matchKey }
            }
            for other in others {
                try replay.link(
                    event.identifier, other, scope: event.scope, source: event.source, at: event.at, recordedAt: event.recordedAt,
                    actor: event.actor, messageID: event.messageID, reason: event.reason)
            }
            return
        }
        var again = NewEvent(
            scope: event.scope, identifier: event.identifier, action: event.action, source: event.source, at: event.at,
            actor: event.actor, reason: event.reason, messageID: event.messageID, messageText: event.messageText,
            keyword: event.keyword, layer: event.layer, rule: event.rule, proposed: event.proposed, targetEvent: event.targetEvent)
        if event.action == .reviewUndo, let target = event.targetEvent {
            again.restoredConsent = OptOutStore.consent(
                before: target, in: try source.events(scope: event.scope, matchKey: event.identifier.matchKey))
        }
        let outcome = try replay.record(again, recordedAt: event.recordedAt)
        if !outcome.logged {
            report.eventProblems.append("event \(event.id) (\(event.action.rawValue) \(event.identifier.text)): the rules would not have logged it")
        } else if outcome.stale == event.applied {
            report.eventProblems.append(
                "event \(event.id) (\(event.action.rawValue) \(event.identifier.text)): stored as \(event.applied ? "applied" : "not applied"), the rules say \(outcome.stale ? "not applied" : "applied")")
        }
    }

    /// The stored entries and links against the replayed ones, in one query each on the source's
    /// connection with the scratch database attached as `replayed`: only the rows that differ reach
    /// Swift, so memory does not grow with the number of entries.
    private static func compare(_ source: ReadTransaction) throws(OptOutError) -> [Difference] {
        let stored = factColumns.map { "s.\($0)" }.joined(separator: ", ")
        let replayed = factColumns.map { "r.\($0)" }.joined(separator: ", ")
        let differs = factColumns.map { "s.\($0) IS NOT r.\($0)" }.joined(separator: " OR ")
        let nulls = factColumns.map { _ in "NULL" }.joined(separator: ", ")
        let sql = """
            SELECT s.scope, s.number, r.number, \(stored), \(replayed)
            FROM main.entries s LEFT JOIN replayed.entries r ON r.scope = s.scope AND r.match_key = s.match_key
            WHERE r.match_key IS NULL OR \(differs)
            UNION ALL
            SELECT r.scope, NULL, r.number, \(nulls), \(replayed)
            FROM replayed.entries r LEFT JOIN main.entries s ON s.scope = r.scope AND s.match_key = r.match_key
            WHERE s.match_key IS NULL
            ORDER BY 1, 2, 3
            """
        var differences: [Difference] = []
        let count = Int32(factColumns.count)
        try source.forEachRow(sql, []) { row in
            let scope = row.text(0)
            guard let storedNumber = row.optionalText(1) else {
                differences.append(Difference(scope: scope, subject: row.text(2), fact: "entry", stored: "none", expected: "present"))
                return
            }
            guard row.optionalText(2) != nil else {
                differences.append(Difference(scope: scope, subject: storedNumber, fact: "entry", stored: "present", expected: "none"))
                return
            }
            for (index, name) in factColumns.enumerated() {
                let have = row.optionalText(3 + Int32(index)) ?? "NULL"
                let want = row.optionalText(3 + count + Int32(index)) ?? "NULL"
                if have != want { differences.append(Difference(scope: scope, subject: storedNumber, fact: name, stored: have, expected: want)) }
            }
        }
        let links = """
            SELECT s.scope, s.identifier, s.subject, r.subject FROM main.identifiers s
            LEFT JOIN replayed.identifiers r ON r.scope = s.scope AND r.match_key = s.match_key
            WHERE r.match_key IS NULL OR r.subject IS NOT s.subject OR r.identifier IS NOT s.identifier
            UNION ALL
            SELECT r.scope, r.identifier, NULL, r.subject FROM replayed.identifiers r
            LEFT JOIN main.identifiers s ON s.scope = r.scope AND s.match_key = r.match_key WHERE s.match_key IS NULL
            ORDER BY 1, 2
            """
        try source.forEachRow(links, []) { row in
            differences.append(
                Difference(
                    scope: row.text(0), subject: row.text(1), fact: "link", stored: row.optionalText(2).map { "subject \($0)" } ?? "none",
                    expected: row.optionalText(3).map { "subject \($0)" } ?? "none"))
        }
        return differences
    }

    /// Replaces the stored entries and links with the replayed ones in `scratch`, in one transaction.
    public static func repair(_ store: OptOutStore, from scratch: OptOutStore) throws(OptOutError) {
        try store.sql { try store.database.executeScript("ATTACH DATABASE '\(scratch.path.replacingQuotes)' AS replayed") }
        defer { try? store.sql { try store.database.executeScript("DETACH DATABASE replayed") } }
        try store.write { transaction in
            try transaction.execute("DELETE FROM main.entries", [])
            try transaction.execute("INSERT INTO main.entries SELECT * FROM replayed.entries", [])
            try transaction.execute("DELETE FROM main.identifiers", [])
            try transaction.execute("INSERT INTO main.identifiers SELECT * FROM replayed.identifiers", [])
        }
    }
}

extension String {
    /// The text with `'` doubled, for an SQL string literal.
    fileprivate var replacingQuotes: String {
        var result = ""
        for character in self { result += character == "'" ? "''" : String(character) }
        return result
    }
}
