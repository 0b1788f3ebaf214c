/// The layer of the keyword matcher that decided a message (contract §4, Docs/keywords.md).
///
/// The layers run in this order and the first that decides wins: a message the exact layer reads is
/// never reinterpreted by a looser one.
public enum MatchLayer: String, Sendable, CaseIterable {
    /// The whole normalised message is keywords of one set plus courtesies.
    case exact
    /// The same after look-alike letters are folded to Latin, signatures and footers are removed and
    /// the scope's brand words are allowed around an opt-out keyword.
    case folded
    /// The same after one typing slip (neighbouring key, dropped, doubled or swapped letter, stretched
    /// letters) in a keyword of four letters or more.
    case fuzzy
    /// A request in words: phrase patterns per language, negations and quotations read.
    case intent
    /// A button tap whose payload the scope maps to a verdict.
    case button
}
