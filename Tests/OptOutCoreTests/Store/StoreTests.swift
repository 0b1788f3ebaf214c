import Testing
import OptOutTestSupport
@testable import OptOutCore

/// A store on a fresh temporary database.
struct StoreFixture {
    let folder = TemporaryFolder()
    let store: OptOutStore

    init() throws {
        store = try OptOutStore(path: folder.file("optout.sqlite"))
    }

    func event(
        _ number: String, _ action: Action, _ source: Source = .manual, at seconds: Int64, scope: String = "default"
    ) -> NewEvent {
        NewEvent(
            scope: scope, number: PhoneNumber(e164: number)!, action: action, source: source,
            at: Timestamp(seconds: seconds), actor: "tester", reason: "test")
    }

    /// Records `event` as received at 2033-05-18, or, for a staff change (which acts when it is
    /// recorded), at its own time.
    @discardableResult
    func record(_ event: NewEvent) throws -> RecordOutcome {
        try store.record(event, recordedAt: event.source == .manual ? event.at : Timestamp(seconds: 2_000_000_000))
    }

    func status(_ number: String, scope: String = "default") throws -> Status {
        try store.entry(scope: scope, matchKey: PhoneNumber(e164: number)!.matchKey)?.status ?? .active
    }

    func eventCount() throws -> Int64 { try store.database.scalarInt("SELECT count(*) FROM events") ?? -1 }
}

@Suite struct StoreTests {
    let number = "+15551234567"

    @Test func schemaIsCurrentWithWALAndPrivateFile() throws {
        let fixture = try StoreFixture()
        let database = fixture.store.database
        #expect(try database.scalarInt("PRAGMA user_version") == Schema.version)
        #expect(try database.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try database.scalarInt("PRAGMA synchronous") == 1)  // NORMAL
        #expect(permissions(fixture.folder.file("optout.sqlite")) == 0o600)
    }

    @Test func refusesNewerSchemaWithoutChangingIt() throws {
        let folder = TemporaryFolder()
        let path = folder.file("future.sqlite")
        do {
            let database = try Database(path: path)
            try database.executeScript("PRAGMA application_id = \(Schema.applicationID); PRAGMA user_version = 99")
        }
        let before = readFile(path)
        do {
            _ = try OptOutStore(path: path)
            Issue.record("a newer schema must be refused")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.message.contains("newer"))
        }
        #expect(readFile(path) == before)
    }

    @Test func blockThenUnblockLogsBothAndRestoresActive() throws {
        let fixture = try StoreFixture()
        let blocked = try fixture.record(fixture.event(number, .block, at: 100))
        #expect(blocked.changed && blocked.logged && blocked.statusAfter == .blocked)
        let again = try fixture.record(fixture.event(number, .block, at: 110))
        #expect(!again.changed && !again.logged)
        let unblocked = try fixture.record(fixture.event(number, .unblock, at: 120))
        #expect(unblocked.changed && unblocked.statusAfter == .active)
        #expect(try fixture.eventCount() == 2)
    }

    @Test func olderEventIsLoggedButDoesNotOverride() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event(number, .optOut, .keyword, at: 200))
        let late = try fixture.record(fixture.event(number, .optIn, .keyword, at: 100))
        #expect(late.stale && late.logged && !late.changed)
        #expect(try fixture.status(number) == .optedOut)
        let applied = try fixture.store.database.scalarInt("SELECT applied FROM events ORDER BY id DESC LIMIT 1")
        #expect(applied == 0)
    }

    @Test func optInKeywordActsOnlyOnOptedOutAndNeverLiftsABlock() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event(number, .optIn, .keyword, at: 100))
        #expect(try fixture.status(number) == .active)
        try fixture.record(fixture.event(number, .block, at: 200))
        try fixture.record(fixture.event(number, .optOut, .keyword, at: 300))
        try fixture.record(fixture.event(number, .optIn, .keyword, at: 400))
        #expect(try fixture.status(number) == .blocked)
        let entry = try #require(try fixture.store.entry(scope: "default", matchKey: PhoneNumber(e164: number)!.matchKey))
        #expect(entry.consent.value == .optedIn)
    }

    @Test func stopSentBeforeStartButDeliveredAfterIsStale() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event(number, .optIn, .keyword, at: 200))  // START at 200 arrives first
        let stop = try fixture.record(fixture.event(number, .optOut, .keyword, at: 100))  // STOP at 100 arrives late
        #expect(stop.stale)
        #expect(try fixture.status(number) == .active)
    }

    @Test func importNeverLowersASuppression() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event(number, .optOut, .keyword, at: 100))
        let lowered = try fixture.record(fixture.event(number, .optIn, .import, at: 200))
        #expect(!lowered.changed && !lowered.logged)
        try fixture.record(fixture.event(number, .block, .import, at: 300))
        #expect(try fixture.status(number) == .blocked)
    }

    @Test func unblockLiftsOnlyTheStaffBlockAndLiftOptOutOnlyTheOptOut() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event(number, .optOut, .keyword, at: 100))
        try fixture.record(fixture.event(number, .marketingStop, .whatsappPreference, at: 110))
        try fixture.record(fixture.event(number, .block, at: 120))
        let outcome = try fixture.record(fixture.event(number, .unblock, at: 130))
        #expect(outcome.changed && outcome.after?.blocked.value == false)
        #expect(outcome.after?.consent.value == .optedOut)
        #expect(try fixture.status(number) == .optedOut)
        let lifted = try fixture.record(fixture.event(number, .liftOptOut, at: 140))
        #expect(lifted.changed && lifted.after?.consent.value == nil)
        #expect(try fixture.status(number) == .marketingStopped)
        // An import never lifts anything.
        try fixture.record(fixture.event(number, .optOut, .keyword, at: 150))
        #expect(!(try fixture.record(fixture.event(number, .liftOptOut, .import, at: 160))).changed)
    }

    @Test func aReviewHoldsThePersonUntilItIsDecided() throws {
        let fixture = try StoreFixture()
        let outcome = try fixture.record(fixture.event(number, .review, .keyword, at: 100))
        #expect(outcome.logged && outcome.changed)
        #expect(try fixture.status(number) == .reviewPending)
        #expect(try fixture.store.sendingPolicy().suppression(of: [.reviewPending], for: .marketing) == .reviewPending)
        #expect(SendingPolicy(reviewHoldsMarketing: false).suppression(of: [.reviewPending], for: .marketing) == nil)
        #expect(try fixture.store.sendingPolicy().suppression(of: [.reviewPending], for: .utility) == nil)
        // A second review of the same person changes nothing more; a dismissal closes it.
        #expect(!(try fixture.record(fixture.event(number, .review, .keyword, at: 110))).changed)
        let dismissed = try fixture.record(fixture.event(number, .reviewDismiss, at: 120))
        #expect(dismissed.changed && dismissed.statusAfter == .active)
        #expect(try fixture.eventCount() == 3)
    }

    @Test func scopesAreIndependent() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event(number, .block, at: 100, scope: "brand-a"))
        #expect(try fixture.status(number, scope: "brand-a") == .blocked)
        #expect(try fixture.status(number, scope: "brand-b") == .active)
    }

    @Test func messageIdsAreProcessedOncePerScope() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let now = Timestamp(seconds: 1)
        #expect(try store.write { try $0.markMessageProcessed(scope: "a", id: "wamid.1", at: now) })
        #expect(try !store.write { try $0.markMessageProcessed(scope: "a", id: "wamid.1", at: now) })
        #expect(try store.write { try $0.markMessageProcessed(scope: "b", id: "wamid.1", at: now) })
    }

    @Test func listQueryIsHalfOpenAndFiltersStatus() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event("+15550000001", .block, at: 100))
        try fixture.record(fixture.event("+15550000002", .optOut, .keyword, at: 200))
        try fixture.record(fixture.event("+15550000003", .block, at: 300))
        let query = EntryQuery(
            scope: "default", statuses: [.blocked], since: Timestamp(seconds: 100), until: Timestamp(seconds: 300))
        #expect(try fixture.store.entries(query).map(\.identifier.text) == ["+15550000001"])
        #expect(try fixture.store.countEntries(EntryQuery(scope: "default")) == 3)
    }

    @Test func settingsValidateAndReset() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        #expect(try store.setting(Settings.optOutAppliesTo) == "marketing")
        try store.setSetting(Settings.optOutAppliesTo, to: "ALL")
        #expect(try store.sendingPolicy().optOutAppliesToAll)
        #expect(throws: OptOutError.self) { try store.setSetting(Settings.optOutAppliesTo, to: "some") }
        try store.resetSetting(Settings.optOutAppliesTo)
        #expect(try store.setting(Settings.optOutAppliesTo) == "marketing")
    }
}

@Suite struct SendingPolicyTests {
    @Test func categoriesFollowSpec() {
        let policy = SendingPolicy()
        #expect(policy.suppression(of: [.blocked], for: .authentication) == .blocked)
        #expect(policy.suppression(of: [.optedOut], for: .marketing) == .optedOut)
        #expect(policy.suppression(of: [.optedOut], for: .utility) == nil)
        #expect(policy.suppression(of: [.marketingStopped], for: .marketing) == .marketingStopped)
        #expect(policy.suppression(of: [.marketingStopped], for: .service) == nil)
        #expect(policy.suppression(of: [], for: .marketing) == nil)
        let strict = SendingPolicy(optOutAppliesToAll: true, requireOptIn: true)
        #expect(strict.suppression(of: [.optedOut], for: .utility) == .optedOut)
        #expect(strict.suppression(of: [], for: .marketing) == .notOptedIn)
        #expect(strict.suppression(of: [.optedIn], for: .marketing) == nil)
        #expect(strict.suppression(of: [], for: .utility) == nil)
    }
}
