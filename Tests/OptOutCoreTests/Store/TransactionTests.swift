import OptOutTestSupport
import Testing
@testable import OptOutCore

/// Transactions are values the body holds: a write commits when its body returns, rolls back when it
/// throws, and rolls back explicitly when asked (a dry run), whatever the body did.
@Suite struct TransactionTests {
    func count(_ store: OptOutStore, _ table: String) throws -> Int64 {
        try store.database.scalarInt("SELECT count(*) FROM \(table)") ?? -1
    }

    @Test func aRollbackEndReturnsTheResultAndKeepsNothing() throws {
        let fixture = try StoreFixture()
        let outcome = try fixture.store.write(.rollback) { transaction in
            try transaction.record(fixture.event("+15550000001", .block, at: 100), recordedAt: Timestamp(seconds: 100))
        }
        #expect(outcome.changed)
        #expect(outcome.after?.status == .blocked)
        #expect(try count(fixture.store, "entries") == 0)
        #expect(try count(fixture.store, "events") == 0)
        #expect(!fixture.store.database.isInTransaction)
    }

    @Test func aThrowingBodyKeepsNothingAndItsErrorLeavesAsAnOptOutError() throws {
        let fixture = try StoreFixture()
        struct Stop: Error {}
        #expect(throws: OptOutError.self) {
            try fixture.store.write { transaction in
                try transaction.record(fixture.event("+15550000001", .block, at: 100), recordedAt: Timestamp(seconds: 100))
                throw Stop()
            }
        }
        #expect(try count(fixture.store, "events") == 0)
        // A later write starts its own transaction.
        try fixture.record(fixture.event("+15550000002", .block, at: 200))
        #expect(try count(fixture.store, "events") == 1)
    }

    @Test func aDryRunBlockChangesNothingAndReportsWhatItWouldDo() throws {
        let fixture = try StoreFixture()
        let change = ManualChange(kind: .block, scope: "default", actor: "t", reason: nil, dryRun: true, at: Timestamp(seconds: 5))
        var changed: [Bool] = []
        let report = try fixture.store.apply(
            change, to: NumberSource(arguments: [NumberInput(text: "+15550000001", origin: .argument(1))]), normalizer: PhoneNormalizer(),
            recordedAt: Timestamp(seconds: 5), line: { changed.append($0.outcome.changed) })
        #expect(!report.committed)
        #expect(changed == [true])
        #expect(try count(fixture.store, "entries") == 0)
    }

    /// Every invalid input is told, in input order, and counted; none is kept in the report, and with one
    /// invalid nothing changes.
    @Test func invalidInputsAreToldInOrderAndCountedAndNothingChanges() throws {
        let fixture = try StoreFixture()
        let change = ManualChange(kind: .block, scope: "default", actor: "t", reason: nil, at: Timestamp(seconds: 5))
        let texts = ["+15550000001", "abc", "+15550000002", "12", "+1555000000x"]
        var told: [String] = []
        var applied = 0
        let report = try fixture.store.apply(
            change, to: NumberSource(arguments: texts.enumerated().map { NumberInput(text: $1, origin: .argument($0 + 1)) }),
            normalizer: PhoneNormalizer(), recordedAt: Timestamp(seconds: 5),
            invalid: { told.append("\($0.input.origin) \($0.input.text)") }, line: { _ in applied += 1 })
        #expect(told == ["argument 2 abc", "argument 4 12", "argument 5 +1555000000x"])
        #expect(report.inputs == 5 && report.invalid == 3 && report.invalidTimes == 0 && report.refused == 0)
        #expect(!report.committed && applied == 0)
        #expect(try count(fixture.store, "entries") == 0)
    }

    @Test func readsInOneTransactionSeeOneSnapshot() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event("+15550000001", .block, at: 100))
        let other = try OptOutStore(path: fixture.folder.file("optout.sqlite"))
        let (before, after) = try fixture.store.read { transaction in
            let before = try transaction.countEntries(EntryQuery(scope: "default"))
            try other.record(fixture.event("+15550000002", .block, at: 200), recordedAt: Timestamp(seconds: 200))
            return (before, try transaction.countEntries(EntryQuery(scope: "default")))
        }
        #expect(before == 1 && after == 1)
        #expect(try fixture.store.countEntries(EntryQuery(scope: "default")) == 2)
    }
}
