import Testing
@testable import OptOutCore

/// `ReplyLanguage.of(keyword:)` finds a built-in keyword as written before it normalises anything:
/// that is only right if every built-in keyword gets the same language either way.
@Suite struct ReplyLanguageTableTests {
    @Test func everyBuiltInKeywordHasTheSameLanguageAsWrittenAndNormalised() {
        var checked = 0
        for (_, sets) in KeywordSets.builtInByLanguage {
            for set in KeywordSet.allCases {
                for keyword in sets[set] {
                    #expect(ReplyLanguage.of(keyword: keyword) == ReplyLanguage.normalized[MessageText.normalize(keyword)], "\(keyword)")
                    checked += 1
                }
            }
        }
        #expect(checked == KeywordSet.allCases.reduce(0) { $0 + KeywordSets.defaults[$1].count })
    }

    /// Keywords not written as in the lists are normalised first; unknown ones have no language.
    @Test func otherSpellingsAreNormalised() {
        #expect(ReplyLanguage.of(keyword: "STOP") == .english)
        #expect(ReplyLanguage.of(keyword: "Arrêt") == .french)
        #expect(ReplyLanguage.of(keyword: "BAJA") == .spanish)
        #expect(ReplyLanguage.of(keyword: "acme-stop-now") == nil)
    }
}
