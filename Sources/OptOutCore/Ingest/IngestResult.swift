/// What happened to one inbound item: the fields of `ingest-message` output.
public struct IngestResult: Sendable, Equatable {
    /// `message`, or `marketing-preference` for WhatsApp preference changes.
    public var kind: String
    public var messageID: String?
    /// The sender in E.164, nil when there is none or it is invalid.
    public var number: PhoneNumber?
    /// The sender's business-scoped user id, nil when there is none or it is invalid.
    public var userID: UserID? = nil
    public var verdict: Verdict
    /// The keyword (or intent rule, or mapped payload) that decided.
    public var keyword: String?
    public var action: IngestAction
    /// The text to send back, nil for none.
    public var reply: String?
    /// The number's status after the item; nil without a number.
    public var statusAfter: Status?
    /// The normalised message text (empty for items without text), for `--explain`.
    public var normalizedText: String
    /// Which rule decided, for `--explain`.
    public var rule: String
    /// Where the item came from (`entry 1, change 1, message 2`, `line 7`).
    public var origin: String
    /// Why nothing was recorded, for a warning (no number, invalid number); never holds message text.
    public var problem: IngestProblem?
    /// The time the message claimed when it was too far ahead of the receiving clock to trust: it was
    /// recorded at the time it was received (contract §2), for a warning.
    public var distrustedTime: Timestamp? = nil
    /// The matcher's layer that decided, nil when none did.
    public var layer: MatchLayer? = nil
    /// For a `review`: the verdict accepting it records.
    public var proposed: Verdict? = nil
    /// The language the reply is written in (English when unknown).
    public var language: ReplyLanguage? = nil
    /// The sender as the input gave it (a WhatsApp id, a Twilio `From`, a user id), the line it came
    /// to, and the scope it was recorded in.
    public var from: String? = nil
    public var line: String? = nil
    public var scope: String = ""

    /// Writes the JSON object of `--format json` to `writer`; `explain` adds `normalized_text`.
    public func writeJSON(explain: Bool, to writer: inout JSONObjectWriter) {
        writer.begin()
        writer.field("message_id", messageID)
        writer.field("number", number?.e164)
        writer.field("user_id", userID?.text)
        writer.field("verdict", verdict.rawValue)
        writer.field("layer", layer?.rawValue)
        writer.field("proposed", proposed?.rawValue)
        writer.field("keyword", keyword)
        writer.field("rule", rule)
        writer.field("action_taken", action.rawValue)
        writer.field("reply", reply)
        writer.field("status_after", statusAfter?.rawValue)
        writer.field("kind", kind)
        writer.field("from", from)
        writer.field("line", line)
        writer.field("scope", scope)
        if explain { writer.field("normalized_text", normalizedText) }
        writer.end()
    }
}
