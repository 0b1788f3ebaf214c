/// The outcome of matching one message.
public struct KeywordMatch: Sendable, Equatable {
    /// What the message asks for.
    public var verdict: Verdict
    /// The configured keyword that matched (as written in the settings), the review rule name, the
    /// button payload that matched the payload map, or `nil` when nothing matched.
    public var keyword: String?
    /// The message text after `MessageText.normalize`.
    public var normalizedText: String
    /// One line for `--explain`, e.g. `whole-message opt-out keyword "stop" followed by courtesy "please"`.
    public var rule: String

    /// Creates a match.
    public init(verdict: Verdict, keyword: String?, normalizedText: String, rule: String) {
        self.verdict = verdict
        self.keyword = keyword
        self.normalizedText = normalizedText
        self.rule = rule
    }
}
