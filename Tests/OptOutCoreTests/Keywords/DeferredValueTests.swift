import Synchronization
import Testing
@testable import OptOutCore

/// A value built on its first read, once, however many threads read it.
@Suite struct DeferredValueTests {
    @Test func buildsOnceOnFirstRead() async {
        let builds = Mutex(0)
        let deferred = DeferredValue { builds.withLock { $0 += 1 }; return [1, 2, 3] }
        #expect(builds.withLock { $0 } == 0)
        await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 { group.addTask { deferred.value } }
            for await value in group { #expect(value == [1, 2, 3]) }
        }
        #expect(builds.withLock { $0 } == 1)
    }

    /// The matcher's fuzzy layer, built on first use, reads slips as before, from several threads.
    @Test func theFuzzyLayerIsBuiltWhenAMessageReachesIt() async {
        let matcher = KeywordMatcher()
        #expect(matcher.match(text: "STOP").layer == .exact)
        await withTaskGroup(of: KeywordMatch.self) { group in
            for _ in 0..<4 { group.addTask { matcher.match(text: "stpp") } }
            for await match in group {
                #expect(match.verdict == .optOut)
                #expect(match.layer == .fuzzy)
            }
        }
    }
}
