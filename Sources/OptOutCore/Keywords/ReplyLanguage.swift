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
    public static func of(keyword: String) -> ReplyLanguage? {
        builtIn[MessageText.normalize(keyword)]
    }

    /// Normalised built-in keyword → its language; a keyword of several languages keeps the first.
    private static let builtIn: [String: ReplyLanguage] = {
        var map: [String: ReplyLanguage] = [:]
        // Sized once: grown from empty, the table was rehashed at every doubling.
        map.reserveCapacity(KeywordSet.allCases.reduce(0) { $0 + KeywordSets.defaults[$1].count })
        for (language, sets) in KeywordSets.builtInByLanguage {
            for set in KeywordSet.allCases {
                for keyword in sets[set] {
                    let normalized = MessageText.normalize(keyword)
                    if map[normalized] == nil { map[normalized] = language }
                }
            }
        }
        return map
    }()
}
