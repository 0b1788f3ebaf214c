/// What a normalised phrase is: a keyword (wins), a courtesy, or one of the scope's brand words
/// (which only the folded layer accepts).
struct PhraseEntry: Sendable {
    var keyword: KeywordEntry?
    var courtesy: String?
    var brand: String?
}
