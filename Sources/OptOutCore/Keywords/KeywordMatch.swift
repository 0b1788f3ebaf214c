/// The outcome of matching one message.
public struct KeywordMatch: Sendable, Equatable {
    /// What the message asks for.
    public var verdict: Verdict
    /// The configured keyword that matched (as written in the settings), the intent rule's name, the
    /// button payload that matched the payload map, or `nil` when nothing matched.
    public var keyword: String?
    /// The message text after `MessageText.normalize`.
    public var normalizedText: String
    /// One line for `--explain`, e.g. `whole-message opt-out keyword "stop" followed by courtesy "please"`.
    public var rule: String
    /// The layer that decided, nil when no layer found anything (`none`).
    public var layer: MatchLayer?
    /// For a `review`: what accepting it records (`opt-out` or `opt-in`); nil for other verdicts.
    public var proposed: Verdict?
    /// The language of the keyword or phrase that decided, which chooses the reply's language; nil
    /// when unknown (a configured keyword, a button payload): the reply is then English.
    public var language: ReplyLanguage?

    /// Creates a match.
    public init(
        verdict: Verdict, keyword: String?, normalizedText: String, rule: String, layer: MatchLayer? = nil,
        proposed: Verdict? = nil, language: ReplyLanguage? = nil
    ) {
        self.verdict = verdict
        self.keyword = keyword
        self.normalizedText = normalizedText
        self.rule = rule
        self.layer = layer
        self.proposed = proposed
        self.language = language
    }

    /// A verdict that is only a proposal: an opt-in outside the exact layer, or any verdict `layer`
    /// may not apply on its own, becomes `review` proposing it (contract §4: opt-ins take effect only
    /// from the exact layer).
    mutating func holdOptInForReview() {
        guard verdict == .optIn, layer != .exact, layer != .button else { return }
        verdict = .review
        proposed = .optIn
        rule += "; an opt-in outside the exact layer is held for review"
    }
}
