// MARK: - Request and result

// MARK: - Exporter

/// Writes entries or events to a sink as CSV, JSON or JSON Lines, and keeps resumable cursors.
///
/// Ordering is by change time, then number (then event id), so two exports of the same range over
/// the same data are byte-identical. Rows stream from one SQLite statement straight into the
/// `RecordWriter` (no per-row strings), in one read snapshot, so memory does not grow with the
/// number of rows and the output is consistent even while other processes write.
///
/// Cursor feeds (`cursor` set): in one read snapshot, the export takes the cursor's position `last`
/// and the highest event id `high`, and writes the events with `last < id ≤ high`. Then, in one
/// `BEGIN IMMEDIATE` transaction, it checks the cursor is still at `last`, calls `commit` (which
/// renames the output into place), and moves the cursor to `high`. Ids are assigned in commit order
/// (one writer at a time, and `AUTOINCREMENT` keeps every new id above every id ever held) and a read
/// snapshot holds a prefix of the committed transactions, so no event with `id ≤ high` can appear
/// after the snapshot: nothing is skipped. A failure before the transaction commits leaves the
/// cursor where it was, so the next run exports the same events again (never fewer).
public enum Exporter {
    /// Checks a request's parts against each other; throws a usage error (64) for an end before its
    /// start, statuses with events, or a cursor with entries, a range or a bad name.
    public static func validate(_ request: ExportRequest) throws(OptOutError) {
        try Timestamp.checkRange(since: request.since, until: request.until)
        if request.subject == .events && !request.statuses.isEmpty {
            throw OptOutError(.usage, .invalidExport(.statusesWithEvents))
        }
        guard let cursor = request.cursor else { return }
        if request.subject != .events { throw OptOutError(.usage, .invalidExport(.cursorWithEntries)) }
        if request.since != nil || request.until != nil {
            throw OptOutError(.usage, .invalidExport(.cursorWithRange))
        }
        try validateCursorName(cursor)
    }

    /// A cursor name is 1–200 bytes without control characters.
    public static func validateCursorName(_ name: String) throws(OptOutError) {
        guard !name.isEmpty, name.utf8.count <= 200, !name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw OptOutError(.usage, .invalidExport(.badCursorName))
        }
    }

    /// Writes the records `request` selects to `sink`, then calls `commit` to make the output final
    /// (flush standard output, or `AtomicFile.commit()`); with a cursor, moves it only once `commit`
    /// has returned. Throws `OptOutError`: usage (64), I/O (73/74), database (75 busy, …).
    ///
    /// - Parameter now: the time stored as the cursor's `updated_at`.
    @discardableResult
    public static func export(
        _ request: ExportRequest, from store: OptOutStore, to sink: ByteSink, now: Timestamp,
        progress: ((_ records: Int, _ total: Int?) -> Void)? = nil, commit: () throws(OptOutIOError) -> Void
    ) throws(OptOutError) -> ExportSummary {
        // The output holds `commit` only until this call returns.
        try withoutActuallyEscaping(commit) { (commit) throws(OptOutError) in
            try export(request, from: store, now: now, actor: nil) { _ in ExportOutput(sink: sink, commit: commit, progress: progress) }
        }
    }

    /// Writes the records `request` selects to the output `open` gives, then makes it final with the
    /// output's `commit`; with a cursor, moves the cursor (and audits the move, with `actor`) only once
    /// `commit` has returned.
    ///
    /// `open` is called once, in the read snapshot, before anything is written: with the batch a
    /// cursor run is about to deliver (nil without a cursor). It may return nil to write nothing — a
    /// spool with nothing new, or a file still holding the last batch — and the cursor stays put.
    @discardableResult
    public static func export(
        _ request: ExportRequest, from store: OptOutStore, now: Timestamp, actor: String?,
        open: (ExportBatch?) throws(OptOutError) -> ExportOutput?
    ) throws(OptOutError) -> ExportSummary {
        try export(request, from: store, now: now, actor: actor, open: open, afterSnapshot: {})
    }

    /// `export`, with `afterSnapshot` run between the read snapshot and the cursor's write
    /// transaction, so tests can play a concurrent process there.
    static func export(
        _ request: ExportRequest, from store: OptOutStore, now: Timestamp, actor: String?,
        open: (ExportBatch?) throws(OptOutError) -> ExportOutput?, afterSnapshot: () -> Void
    ) throws(OptOutError) -> ExportSummary {
        try validate(request)
        let fields = request.subject == .entries ? Records.storedEntryFields : Records.storedEventFields

        // Everything is read in one snapshot. The rows go to `writer` through closure literals, not a
        // local function: a local function capturing the mutable writer costs a dynamic exclusivity
        // check per access (about 20% more instructions per exported row).
        let read: (output: ExportOutput, records: Int, batch: ExportBatch?)? = try store.read { transaction in
            var batch: ExportBatch?
            if case (.events, let name?) = (request.subject, request.cursor) {
                let last = try transaction.cursorPosition(name) ?? 0
                batch = try transaction.eventBatch(after: last, through: max(last, try transaction.lastEventID()), scope: request.scope)
            }
            guard let output = try open(batch) else { return nil }
            var writer = RecordWriter(format: request.format, fields: fields.map(\.name), sink: output.sink)
            let total = batch?.count
            writer.progress = output.progress.map { report in { report($0, total) } }
            switch (request.subject, batch) {
            case (.entries, _):
                let query = EntryQuery(
                    scope: request.scope, statuses: request.statuses, since: request.since, until: request.until,
                    newestFirst: false)
                try transaction.forEachEntryRow(query, columns: fields) { row in try writer.write(row: row, fields: fields) }
            case (.events, let batch?):
                try transaction.forEachEventRow(
                    EventQuery(scope: request.scope, ids: (after: batch.cursorAt, through: batch.throughEventID)), columns: fields
                ) { row in try writer.write(row: row, fields: fields) }
            case (.events, nil):
                try transaction.forEachEventRow(
                    EventQuery(scope: request.scope, since: request.since, until: request.until), columns: fields
                ) { row in try writer.write(row: row, fields: fields) }
            }
            try writer.finish()
            return (output, writer.recordCount, batch)
        }
        guard let read else { return ExportSummary(records: 0, written: false) }

        afterSnapshot()
        guard let name = request.cursor, let batch = read.batch else {
            do throws(OptOutIOError) { try read.output.commit() } catch { throw OptOutError(error) }
            return ExportSummary(records: read.records)
        }
        try store.write { transaction in
            // Another export with the same cursor may have moved it since the snapshot.
            let current = try transaction.cursorPosition(name) ?? 0
            guard current == batch.cursorAt else {
                throw OptOutError(
                    .busy,
                    "cursor '\(name)' was moved by another export while this one ran (now at event \(current)); nothing written, try again")
            }
            do throws(OptOutIOError) { try read.output.commit() } catch { throw OptOutError(error) }
            try transaction.moveCursor(
                name, from: batch.cursorAt, to: batch.throughEventID, at: now, change: .export(records: read.records, file: read.output.name),
                actor: actor)
        }
        return ExportSummary(records: read.records, cursorBefore: batch.cursorAt, cursorAfter: batch.throughEventID)
    }

    // MARK: - Cursors

    /// Every cursor with its position and how many events are waiting for it, by name.
    public static func cursors(in store: OptOutStore) throws(OptOutError) -> [ExportCursor] {
        try store.read { transaction in try transaction.cursors() }
    }

    /// The field names `cursors(in:)` records use in machine-readable output.
    public static let cursorFields = ["name", "last_event_id", "pending_events", "updated_at"]

    /// A cursor as ordered key–value pairs; matches `cursorFields`.
    public static func fields(of cursor: ExportCursor) -> [(String, JSONValue)] {
        [
            ("name", .string(cursor.name)),
            ("last_event_id", .integer(cursor.lastEventID)),
            ("pending_events", .integer(cursor.pendingEvents)),
            ("updated_at", .optional(cursor.updatedAt?.iso8601)),
        ]
    }
}
