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

    /// The JSON object of `--format json`; `explain` adds `normalized_text`.
    public func json(explain: Bool) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("message_id", .optional(messageID)),
            ("number", .optional(number?.e164)),
            ("user_id", .optional(userID?.text)),
            ("verdict", .string(verdict.rawValue)),
            ("layer", .optional(layer?.rawValue)),
            ("proposed", .optional(proposed?.rawValue)),
            ("keyword", .optional(keyword)),
            ("rule", .string(rule)),
            ("action_taken", .string(action.rawValue)),
            ("reply", .optional(reply)),
            ("status_after", .optional(statusAfter?.rawValue)),
            ("kind", .string(kind)),
            ("from", .optional(from)),
            ("line", .optional(line)),
            ("scope", .string(scope)),
        ]
        if explain {
            pairs.append(("normalized_text", .string(normalizedText)))
        }
        return .object(pairs)
    }
}
