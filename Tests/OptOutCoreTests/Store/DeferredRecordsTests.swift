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
    /// With `keys`, the deferral is told the span of keys the events record (`absentKeys`); `stored`
    /// are recorded before, one by one.
    func run(
        _ events: [NewEvent], deferred: Bool, readAfter: Int, keys: ClosedRange<UInt64>? = nil, stored: [NewEvent] = []
    ) throws -> (outcomes: [String], read: String, rows: [String]) {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event("+15550000001", .block, at: 50))
        for event in stored { try fixture.record(event) }
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
            return deferred ? try transaction.deferringRecords(in: "default", keys: keys) { try recordAll() } : try recordAll()
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

    /// Held rows keep only their key and number; the columns they share are bound once when they are
    /// written. Rows that differ in them (other actions, sources, times, a stale event logged but not
    /// applied), alternating in the order of the file and of the keys, are written as recorded.
    @Test func rowsThatShareFewerColumnsAreWrittenAsRecorded() throws {
        let fixture = try StoreFixture()
        let events = (0..<40).map { index -> NewEvent in
            let number = "+1555\(String(format: "%07d", 2_000_000 + index))"
            switch index % 4 {
            case 0: return fixture.event(number, .block, at: 100)
            case 1: return fixture.event(number, .optIn, .webForm, at: 100)
            case 2: return fixture.event(number, .optOut, .keyword, at: 90)
            default:
                var event = fixture.event(number, .block, at: 100)
                event.reason = "another reason"
                return event
            }
        } + [fixture.event("+15550000001", .optOut, .keyword, at: 40)]  // older than the stored block: logged, not applied
        let plain = try run(events, deferred: false, readAfter: 20)
        let deferred = try run(events, deferred: true, readAfter: 20)
        #expect(deferred.outcomes == plain.outcomes)
        #expect(deferred.rows == plain.rows)
        let entries = plain.rows.drop { $0 != "--" }.dropFirst()
        #expect(entries.count == 41, "forty new entries and the stored one")
        for status in ["|blocked|", "|opted-in|", "|opted-out|"] { #expect(entries.contains { $0.contains(status) }, "\(status)") }
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

    /// A span of keys with no stored entry (a first import into an empty scope) is not looked up, and
    /// gives what looking up gives: also for a number that comes again right after its entry was
    /// written (held rows are written every `DeferredRecords.capacity` entries), and for spans that
    /// hold a stored entry, or that straddle phone numbers and user ids (whose stored keys are negative).
    @Test func keysKnownAbsentGiveWhatLookingThemUpGives() throws {
        let fixture = try StoreFixture()
        let capacity = DeferredRecords.capacity
        // In key order, as a bulk change applies them; the entry written last before the first round
        // of writes comes again at once, and so do two after it.
        var numbers = (0..<capacity + 50).map { "+1555\(String(format: "%07d", 1_000_000 + $0))" }
        for index in [capacity - 1, capacity, capacity + 10].reversed() { numbers.insert(numbers[index], at: index + 1) }
        let events = numbers.map { fixture.event($0, .block, at: 100) }
        let keys = events.map(\.identifier.matchKey)
        let span = keys.min()!...keys.max()!
        let plain = try run(events, deferred: false, readAfter: events.count - 1)
        let absent = try run(events, deferred: true, readAfter: events.count - 1, keys: span)
        #expect(absent.outcomes == plain.outcomes)
        #expect(absent.outcomes.filter { $0.hasPrefix("false") }.count == 3, "three numbers came twice")
        #expect(absent.rows == plain.rows)

        // A span with a stored entry in it: that number is already blocked.
        let stored = fixture.event("+15551000005", .block, at: 50)
        let withStored = try run(events, deferred: true, readAfter: 0, keys: span, stored: [stored])
        #expect(withStored.outcomes[5] == "false false false blocked blocked")
        #expect(withStored.outcomes == (try run(events, deferred: false, readAfter: 0, stored: [stored])).outcomes)

        // A phone number and a stored user id: the span straddles, so both are looked up.
        let user = NewEvent(
            scope: "default", identifier: .user(UserID("US.13491208655302741918")!), action: .block, source: .manual,
            at: Timestamp(seconds: 100), actor: "tester")
        let mixed = [fixture.event("+15551000001", .block, at: 100), user]
        let mixedKeys = mixed.map(\.identifier.matchKey)
        let straddling = try run(mixed, deferred: true, readAfter: 1, keys: mixedKeys.min()!...mixedKeys.max()!, stored: [user])
        #expect(straddling.outcomes == (try run(mixed, deferred: false, readAfter: 1, stored: [user])).outcomes)
        #expect(straddling.outcomes[1] == "false false false blocked blocked")
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
