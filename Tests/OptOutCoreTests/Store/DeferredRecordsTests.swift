import OptOutTestSupport
import Testing
@testable import OptOutCore

/// Records held back and written a table at a time (`WriteTransaction.deferringRecords(in:_:)`) store
/// exactly what recording them one by one stores: the same outcomes, the same rows, the same event ids.
@Suite struct DeferredRecordsTests {
    let recordedAt = Timestamp(seconds: 2_000_000_000)

    /// Every stored row of the log and of the entries, as text, in a fixed order.
    func rows(_ store: OptOutStore) throws -> [String] {
        let events = try store.database.rows("SELECT * FROM events ORDER BY id", []) { row in
            (0..<Int32(EventColumn.allCases.count)).map { row.optionalText($0) ?? "NULL" }.joined(separator: "|")
        }
        let entries = try store.database.rows("SELECT * FROM entries ORDER BY scope, match_key", []) { row in
            (0..<Int32(EntryColumn.allCases.count)).map { row.optionalText($0) ?? "NULL" }.joined(separator: "|")
        }
        return events + ["--"] + entries
    }

    /// What a user of the outcome sees of it.
    func summary(_ outcome: RecordOutcome) -> String {
        "\(outcome.logged) \(outcome.changed) \(outcome.stale) \(outcome.before?.status.rawValue ?? "-") \(outcome.after?.status.rawValue ?? "-")"
    }

    /// Runs `events` in one write transaction, deferred or not, on a store that already blocked
    /// `+15550000001`, with a read of an entry between two of them, and returns what they gave.
    func run(_ events: [NewEvent], deferred: Bool, readAfter: Int) throws -> (outcomes: [String], read: String, rows: [String]) {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event("+15550000001", .block, at: 50))
        var read = ""
        let outcomes = try fixture.store.write { transaction in
            func recordAll() throws -> [String] {
                var outcomes: [String] = []
                for (index, event) in events.enumerated() {
                    outcomes.append(summary(try transaction.record(event, recordedAt: recordedAt)))
                    if index == readAfter {
                        let key = event.identifier.matchKey
                        read = try transaction.entry(scope: event.scope, matchKey: key)?.status.rawValue ?? "none"
                        read += " \(try transaction.countEntries(EntryQuery(scope: "default")))"
                    }
                }
                return outcomes
            }
            return deferred ? try transaction.deferringRecords(in: "default") { try recordAll() } : try recordAll()
        }
        return (outcomes, read, try rows(fixture.store))
    }

    @Test func deferredRecordsStoreWhatRecordingOneByOneStores() throws {
        let fixture = try StoreFixture()
        let events = [
            fixture.event("+15550000002", .block, at: 100),  // new entry
            fixture.event("+15550000003", .block, at: 100),
            fixture.event("+15550000002", .block, at: 100),  // the same again: nothing changes
            fixture.event("+15550000001", .unblock, at: 100),  // a stored entry
            fixture.event("+15550000001", .optOut, at: 100),  // the same stored entry, as just updated
            fixture.event("+15550000003", .optOut, at: 100),  // a deferred entry changes again
            fixture.event("+15550000004", .block, at: 100, scope: "eu"),  // another scope, written as it comes
            fixture.event("+15550000003", .liftOptOut, at: 100),
            fixture.event("+15550000005", .optIn, .webForm, at: 100),
            fixture.event("+15550000005", .optOut, .keyword, at: 90),  // older than the consent: stale, logged
            fixture.event("+15550000006", .block, at: 100),
        ]
        let plain = try run(events, deferred: false, readAfter: 5)
        let deferred = try run(events, deferred: true, readAfter: 5)
        #expect(plain.outcomes.count == events.count)
        #expect(deferred.outcomes == plain.outcomes)
        #expect(plain.read == "blocked 3", "the read saw the records before it: \(plain.read)")
        #expect(deferred.read == plain.read)
        #expect(deferred.rows == plain.rows)
        #expect(plain.rows.filter { $0 != "--" }.count == 11 + 6, "eleven events and six entries: \(plain.rows)")
    }

    /// More rows than are held at once are written in several rounds, in order.
    @Test func moreRecordsThanAreHeldAtOnceAreWrittenInRounds() throws {
        let fixture = try StoreFixture()
        let count = DeferredRecords.capacity + 100
        let events = (0..<count).map { fixture.event("+1555\(String(format: "%07d", $0))", .block, at: 100) }
        let plain = try run(events, deferred: false, readAfter: count - 1)
        let deferred = try run(events, deferred: true, readAfter: count - 1)
        #expect(deferred.outcomes == plain.outcomes)
        #expect(deferred.read == "blocked \(count)")
        // +15550000001 was blocked before: count events and entries in all, and the separator.
        #expect(deferred.rows.count == 2 * count + 1)
        #expect(deferred.rows == plain.rows)
    }

    /// Reading the entry or status of a key while records are held reads the held entry, or the stored
    /// one, without writing the held rows: a bulk opt-in checks each number's consent that way.
    @Test func readingAnEntryWhileRecordsAreHeldWritesNone() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event("+15550000001", .optOut, at: 50))
        let stored = fixture.event("+15550000001", .block, at: 50).identifier.matchKey
        let held = fixture.event("+15550000002", .block, at: 100)
        let read = try fixture.store.write { transaction in
            try transaction.deferringRecords(in: "default") {
                try transaction.record(held, recordedAt: recordedAt)
                let reads = [
                    try transaction.entry(scope: "default", matchKey: held.identifier.matchKey)?.status.rawValue ?? "-",
                    try transaction.status(scope: "default", matchKey: held.identifier.matchKey).rawValue,
                    try transaction.entry(scope: "default", matchKey: stored)?.consent.value?.rawValue ?? "-",
                ]
                // Read past the transaction's own connection, which would write the held rows first.
                let written = try fixture.store.database.scalarInt("SELECT count(*) FROM entries") ?? -1
                return reads + ["\(written) stored"]
            }
        }
        #expect(read == ["blocked", "blocked", "opted-out", "1 stored"])
        #expect(try fixture.status("+15550000002") == .blocked)
        #expect(try fixture.eventCount() == 2)
    }

    /// A body that throws keeps nothing, and the next deferral writes only its own records.
    @Test func aThrowingBodyKeepsNoneOfItsDeferredRecords() throws {
        let fixture = try StoreFixture()
        struct Stop: Error {}
        #expect(throws: OptOutError.self) {
            try fixture.store.write { transaction in
                try transaction.deferringRecords(in: "default") {
                    try transaction.record(fixture.event("+15550000002", .block, at: 100), recordedAt: recordedAt)
                    throw Stop()
                }
            }
        }
        _ = try fixture.store.write { transaction in
            try transaction.deferringRecords(in: "default") {
                try transaction.record(fixture.event("+15550000003", .block, at: 100), recordedAt: recordedAt)
            }
        }
        #expect(try fixture.status("+15550000002") == .active)
        #expect(try fixture.status("+15550000003") == .blocked)
        #expect(try fixture.eventCount() == 1)
    }
}
