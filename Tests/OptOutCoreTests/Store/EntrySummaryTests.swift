import Testing
import OptOutTestSupport
@testable import OptOutCore

/// What a table shows of an entry, read from its row (`EntrySummary`), is what the decoded entry says:
/// for every status, with every fact from a different source, so that the source shown is the one of
/// the fact that decides the status (`Entry.statusSource`).
@Suite struct EntrySummaryTests {
    @Test func aSummaryShowsWhatTheDecodedEntrySays() throws {
        let fixture = try StoreFixture()
        let histories: [(String, [(Action, Source)])] = [
            ("+15550000001", [(.optIn, .webForm), (.marketingStop, .whatsappPreference), (.block, .manual)]),
            ("+15550000002", [(.optIn, .webForm), (.optOut, .keyword)]),
            ("+15550000003", [(.optIn, .paper)]),
            ("+15550000004", [(.optIn, .verbal), (.marketingStop, .whatsappPreference)]),
            ("+15550000005", [(.review, .keyword)]),
            ("+15550000006", [(.block, .manual), (.unblock, .manual)]),
        ]
        for (number, history) in histories {
            for (step, (action, source)) in history.enumerated() {
                try fixture.record(fixture.event(number, action, source, at: 100 + Int64(step) * 10))
            }
        }
        let query = EntryQuery(scope: "default")
        let (entries, summaries) = try fixture.store.read { transaction in
            var entries: [Entry] = []
            try transaction.forEachEntry(query) { entries.append($0) }
            var summaries: [[String]] = []
            try transaction.forEachEntrySummary(query) { summary in
                summaries.append(
                    [summary.identifier, summary.status, summary.statusSource, summary.actor, summary.reason].map {
                        String(decoding: $0, as: UTF8.self)
                    } + ["\(summary.changedAt.milliseconds)"])
            }
            return (entries, summaries)
        }
        let expected = entries.map { entry in
            [entry.identifier.text, entry.status.rawValue, entry.statusSource?.rawValue ?? "", entry.actor ?? "", entry.reason ?? "",
             "\(entry.changedAt.milliseconds)"]
        }
        #expect(summaries == expected)
        #expect(Set(entries.map(\.status)) == Set(Status.allCases), "every status is shown once")
        #expect(summaries.map { $0[2] }.sorted() == ["", "keyword", "keyword", "manual", "paper", "whatsapp-preference"])
    }
}
