/// The languages optout replies in: a message decided by a keyword of one of them gets the reply in
/// that language (contract §4); any other keyword (one a scope added, a button payload) gets English.
public enum ReplyLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case spanish = "es"
    case portuguese = "pt"
    case french = "fr"

    /// Where the language comes in `allCases`: the index of tables kept per language.
    var index: Int { Self.allCases.firstIndex(of: self)! }

    /// The language of a built-in keyword (compared after normalisation), nil for any other.
    ///
    /// A keyword written as in the built-in lists (what a scope that keeps them matches) is found as
    /// written, by comparing it with the lists in `KeywordSets.builtInByLanguage` order, so the first
    /// language that has it wins: the keywords replied to most come first in them ("stop" is the
    /// first), and a webhook pays a few comparisons instead of a table of every keyword. A test holds
    /// that every built-in keyword's language is the same either way. Any other keyword is normalised
    /// and looked up among the normalised lists, built the first time one is needed.
    public static func of(keyword: String) -> ReplyLanguage? {
        for (language, sets) in KeywordSets.builtInByLanguage {
            for set in KeywordSet.allCases where sets[set].contains(keyword) { return language }
        }
        return normalized[MessageText.normalize(keyword)]
    }

    /// Normalised built-in keyword → its language: the first language (in
    /// `KeywordSets.builtInByLanguage` order) that has it.
    static let normalized: [String: ReplyLanguage] = {
        var map: [String: ReplyLanguage] = [:]
        // Sized once: grown from empty, the table was rehashed at every doubling.
        map.reserveCapacity(KeywordSet.allCases.reduce(0) { $0 + KeywordSets.defaults[$1].count })
        for (language, sets) in KeywordSets.builtInByLanguage {
            for set in KeywordSet.allCases {
                for keyword in sets[set] {
                    let key = MessageText.normalize(keyword)
                    if map[key] == nil { map[key] = language }
                }
            }
        }
        return map
    }()
}
