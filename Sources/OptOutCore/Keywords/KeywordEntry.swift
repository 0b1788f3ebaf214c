/// A configured keyword and its set.
struct KeywordEntry: Sendable, Equatable {
    var set: KeywordSet
    var keyword: String
}
