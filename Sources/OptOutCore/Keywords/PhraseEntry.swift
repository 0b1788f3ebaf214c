/// What a normalised phrase is: a keyword (wins) or a courtesy.
struct PhraseEntry: Sendable {
    var keyword: KeywordEntry?
    var courtesy: String?
}
