import Testing
@testable import OptOutCore

@Suite struct SuppressionSetTests {
    @Test func findsFactsByMatchKeyAndMergesRepeats() {
        let set = SuppressionSet([
            (PhoneNumber(e164: "+525512345678")!.matchKey, Facts.optedOut),
            (PhoneNumber(e164: "+5215512345678")!.matchKey, Facts.blocked),
            (PhoneNumber(e164: "+15551234567")!.matchKey, Facts.optedIn),
        ])
        #expect(set.count == 2)
        #expect(set.facts(for: PhoneNumber(e164: "+5215512345678")!) == [.optedOut, .blocked])
        #expect(set.facts(for: PhoneNumber(e164: "+525512345678")!) == [.optedOut, .blocked])
        #expect(set.facts(for: PhoneNumber(e164: "+15551234567")!) == .optedIn)
        #expect(set.facts(for: PhoneNumber(e164: "+15551234568")!) == [])
        #expect(SuppressionSet().facts(for: 15551234567) == [])
        #expect(set.facts(for: 0) == [])
    }

    @Test func largeSetFindsEveryListedKeyAndNoOther() {
        // Deterministic pseudo-random keys: every listed one is found (through the bitmap and growth of
        // the table), and none of the unlisted ones, even those that share a bitmap bit.
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return 10_000_000_000 + (state >> 20) % 90_000_000_000
        }
        var listed: [UInt64] = []
        for _ in 0..<50_000 { listed.append(next()) }
        let set = SuppressionSet(listed.map { ($0, Facts.blocked) })
        let unique = Set(listed)
        #expect(set.count == unique.count)
        #expect(listed.allSatisfy { set.facts(for: $0) == .blocked })
        var falseHits = 0
        for _ in 0..<50_000 {
            let key = next()
            if !unique.contains(key) && set.facts(for: key) != [] { falseHits += 1 }
        }
        #expect(falseHits == 0)
    }

    @Test func loadsOneScopeFromTheStore() throws {
        let fixture = try StoreFixture()
        try fixture.record(fixture.event("+15550000001", .block, at: 100))
        try fixture.record(fixture.event("+15550000002", .optOut, at: 100))
        try fixture.record(fixture.event("+15550000003", .optIn, at: 100))
        try fixture.record(fixture.event("+15550000004", .marketingStop, .whatsappPreference, at: 100))
        try fixture.record(fixture.event("+15550000005", .block, at: 100))
        try fixture.record(fixture.event("+15550000005", .unblock, at: 200))
        try fixture.record(fixture.event("+15550000006", .block, at: 100, scope: "brand-b"))
        try fixture.record(fixture.event("+5215512345678", .optOut, at: 100))
        let set = try SuppressionSet(store: fixture.store, scope: "default")
        #expect(set.count == 5)
        #expect(set.facts(for: PhoneNumber(e164: "+15550000001")!) == .blocked)
        #expect(set.facts(for: PhoneNumber(e164: "+15550000002")!) == .optedOut)
        #expect(set.facts(for: PhoneNumber(e164: "+15550000003")!) == .optedIn)
        #expect(set.facts(for: PhoneNumber(e164: "+15550000004")!) == .marketingStopped)
        #expect(set.facts(for: PhoneNumber(e164: "+15550000005")!) == [])
        #expect(set.facts(for: PhoneNumber(e164: "+15550000006")!) == [])
        #expect(set.facts(for: PhoneNumber(e164: "+525512345678")!) == .optedOut)
        let other = try SuppressionSet(store: fixture.store, scope: "brand-b")
        #expect(other.count == 1)
        #expect(other.facts(for: PhoneNumber(e164: "+15550000006")!) == .blocked)
    }
}
