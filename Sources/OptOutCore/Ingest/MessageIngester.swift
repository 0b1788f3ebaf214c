// MARK: - IngestAction

// MARK: - IngestResult

// MARK: - MessageIngester

/// Records inbound items (contract §2, §4): matches text and buttons, records events through
/// `WriteTransaction.record`, skips message ids seen before, and decides the reply.
///
/// Reply rules: a staff-blocked number gets no reply at all; the opt-out text only when the message
/// changed consent to opted-out (a repeated STOP gets none); the opt-in text only when consent changed from opted-out to opted-in and the number is
/// not blocked (a blocked number stays blocked and is not told otherwise); the help text for every help
/// verdict; nothing for review, none, preferences and ignored items. An empty reply setting means none.
/// Build one per run: each scope's matcher and replies are read from the settings once.
///
/// An item is recorded in the scope its line maps to (setting `line-scopes` of the run's scope: a Meta
/// `phone_number_id` or a Twilio `To` number → a scope), else in the run's scope.
public final class MessageIngester {
    public let store: OptOutStore
    /// The run's scope: items whose line is not mapped are recorded here.
    public let scope: String
    public let actor: String?
    /// Line → scope, from the run's scope's `line-scopes` setting (lines compared without `whatsapp:`).
    public let lineScopes: [String: String]

    /// What a scope's settings say about messages: the matcher, and the replies in each language
    /// (`ReplyLanguage.allCases` order), each read the first time a reply in that language is due.
    struct ScopeRules {
        var matcher: KeywordMatcher
        var replies: [ReplyTexts?] = Array(repeating: nil, count: ReplyLanguage.allCases.count)
    }

    private var rulesByScope: [String: ScopeRules] = [:]
    /// Reads senders given as written (`--from`, Twilio, JSON Lines).
    public let normalizer: PhoneNormalizer
    /// Reads WhatsApp ids (Meta bodies).
    private let whatsAppNormalizer: PhoneNormalizer
    /// The run's clock: the event time of items without one, and every event's recorded time.
    public let now: Timestamp

    /// Reads the matcher and replies from `store`'s settings.
    public init(store: OptOutStore, scope: String, actor: String?, normalizer: PhoneNormalizer, now: Timestamp)
        throws(OptOutError)
    {
        self.store = store
        self.scope = scope
        self.actor = actor
        (self.lineScopes, rulesByScope[scope]) = try store.read { transaction in
            (try IngestSettings.parseLineScopes(transaction.setting(IngestSettings.lineScopes, scope: scope)),
             try Self.rules(scope: scope, in: transaction))
        }
        self.normalizer = normalizer
        self.whatsAppNormalizer = PhoneNormalizer(defaultRegion: normalizer.defaultRegion, whatsAppIDs: true)
        self.now = now
    }

    /// Records every item in one transaction and returns a result for each item, in order.
    public func record(_ items: [InboundItem]) throws(OptOutError) -> [IngestResult] {
        // What a customer sent, and the reply they are about to be told, survive a power cut.
        try store.write(durability: .full) { transaction -> [IngestResult] in
            var results: [IngestResult] = []
            results.reserveCapacity(items.count)
            func recordAll() throws { for item in items { results.append(try record(item, in: transaction)) } }
            // A batch of a replay writes its events and entries a table at a time (`DeferredRecords`).
            if items.count > 1 {
                try transaction.deferringRecords(in: scope) { try recordAll() }
            } else {
                try recordAll()
            }
            return results
        }
    }

    private static func rules(scope: String, in transaction: ReadTransaction) throws(OptOutError) -> ScopeRules {
        ScopeRules(matcher: try transaction.keywordMatcher(scope: scope))
    }

    /// The scope an item is recorded in: its line's, else the run's.
    public func scope(for item: InboundItem) -> String {
        guard let line = item.line, !lineScopes.isEmpty else { return scope }
        return lineScopes[IngestSettings.lineKey(line)] ?? scope
    }

    /// Records one item in `transaction`, in the scope of its line.
    public func record(_ item: InboundItem, in transaction: WriteTransaction) throws(OptOutError) -> IngestResult {
        let scope = scope(for: item)
        if rulesByScope[scope] == nil { rulesByScope[scope] = try Self.rules(scope: scope, in: transaction) }
        let rules = rulesByScope[scope]!
        let matcher = rules.matcher
        var result = IngestResult(
            kind: "message", messageID: item.messageID, number: nil, verdict: .none, keyword: nil, action: .none,
            reply: nil, statusAfter: nil, normalizedText: "", rule: "", origin: item.origin, problem: nil)
        result.from = item.sender ?? item.senderUserID
        result.line = item.line
        result.scope = scope
        var messageText: String?
        switch item.content {
        case .text(let text):
            messageText = text
            apply(matcher.match(text: text), to: &result)
        case .button(let title, let payload):
            messageText = title ?? payload
            apply(matcher.match(buttonTitle: title, payload: payload), to: &result)
        case .marketingPreference(_, let detail):
            result.kind = "marketing-preference"
            result.rule = detail
        case .ignored(let kind):
            result.rule = "\(kind) message: read and ignored"
        case .identifierChange(let kind, _, _):
            result.kind = "identifier-change"
            result.rule = "WhatsApp system message \(kind)"
        }

        // The sender: a number, a business-scoped user id, or both (then linked as one person).
        let reader = item.senderForm == .whatsAppID ? whatsAppNormalizer : normalizer
        var phone: PhoneNumber?
        var rejection: PhoneRejection?
        if let sender = item.sender {
            switch reader.normalize(sender) {
            case .success(let parsed): phone = parsed
            case .failure(let reason): rejection = reason
            }
        }
        let user = item.senderUserID.flatMap(UserID.init)
        result.number = phone
        result.userID = user
        guard let identifier = phone.map(Identifier.phone) ?? user.map(Identifier.user) else {
            if case .ignored = item.content, item.sender != nil || item.senderUserID != nil {
                result.action = .ignored
                return result
            }
            result.action = rejection == nil && item.senderUserID == nil ? .noNumber : .invalidNumber
            result.problem = rejection.map(IngestProblem.invalidSender)
                ?? (item.senderUserID == nil ? .noSender(item.senderDescription) : .invalidUserID)
            return result
        }
        if let phone, let user {
            try transaction.link(
                .phone(phone), .user(user), scope: scope, source: .webhook, at: item.at ?? now, recordedAt: now,
                actor: actor, messageID: item.messageID, reason: "one sender: number and user id in one message")
        }

        if case .ignored = item.content {
            result.action = .ignored
            result.statusAfter = try transaction.status(scope: scope, matchKey: identifier.matchKey)
            return result
        }
        if let id = item.messageID, !(try transaction.markMessageProcessed(scope: scope, id: id, at: now)) {
            result.action = .duplicate
            result.reply = nil
            result.rule = "message id seen before in scope \(scope): skipped"
            result.statusAfter = try transaction.status(scope: scope, matchKey: identifier.matchKey)
            return result
        }
        if case .identifierChange(let kind, let newNumber, let newUserID) = item.content {
            var new: Identifier?
            if let newNumber, case .success(let parsed) = whatsAppNormalizer.normalize(newNumber) { new = .phone(parsed) }
            if new == nil, let newUserID, let parsed = UserID(newUserID) { new = .user(parsed) }
            guard let new else {
                result.action = .ignored
                result.rule += ": no valid new number or user id; nothing linked"
                result.statusAfter = try transaction.status(scope: scope, matchKey: identifier.matchKey)
                return result
            }
            if try transaction.link(
                identifier, new, scope: scope, source: .webhook, at: item.at ?? now, recordedAt: now, actor: actor,
                messageID: item.messageID, reason: "\(kind): \(new.text)")
            {
                result.action = .linked
            }
            result.rule += ": \(new.text) linked to \(identifier.text)"
            result.statusAfter = try transaction.status(scope: scope, matchKey: new.matchKey)
            return result
        }

        let at = item.at ?? now
        let source: Source
        let action: Action
        switch item.content {
        case .marketingPreference(let stop, _):
            source = .whatsappPreference
            action = stop ? .marketingStop : .marketingResume
        case .button:
            source = .button
            guard let mapped = Self.action(for: result.verdict) else { return try finish(&result, item, identifier: identifier, scope: scope, rules: rules, in: transaction) }
            action = mapped
        default:
            source = .keyword
            guard let mapped = Self.action(for: result.verdict) else { return try finish(&result, item, identifier: identifier, scope: scope, rules: rules, in: transaction) }
            action = mapped
        }
        var reason: String?
        if case .marketingPreference(_, let detail) = item.content { reason = detail }
        let event = NewEvent(
            scope: scope, identifier: identifier, action: action, source: source, at: at, actor: actor, reason: reason,
            messageID: item.messageID, messageText: messageText, keyword: result.keyword, layer: result.layer,
            rule: result.layer == nil ? nil : result.rule, proposed: result.proposed)
        let outcome = try transaction.record(event, recordedAt: now)
        result.statusAfter = outcome.statusAfter
        result.distrustedTime = outcome.claimedAt
        if outcome.stale {
            result.action = .stale
            result.rule += "; older than the number's last change: logged, not applied"
        } else if outcome.changed {
            switch action {
            case .optOut where outcome.after?.consent.value == .optedOut:
                result.action = .optedOut
                result.reply = nonEmpty(try replies(for: result, in: transaction).optOut)
            case .optIn where outcome.before?.consent.value == .optedOut && outcome.after?.consent.value == .optedIn:
                result.action = .optedIn
                if outcome.after?.blocked.value != true { result.reply = nonEmpty(try replies(for: result, in: transaction).optIn) }
            case .marketingStop: result.action = .marketingStopped
            case .review: result.action = .reviewLogged
            case .marketingResume: result.action = .marketingResumed
            default: result.action = .none
            }
        } else if action == .review, outcome.logged {
            result.action = .reviewLogged
        }
        // A staff-blocked number is told nothing ("Reply START to resubscribe" would not work).
        if result.statusAfter == .blocked { result.reply = nil }
        try queueForMeta(result, item, in: transaction)
        return result
    }

    /// A reply to a Meta body goes to the outbox too, in this transaction: the Cloud API sends nothing
    /// back from the webhook's response, so the business's sender posts it (`optout outbox`).
    private func queueForMeta(_ result: IngestResult, _ item: InboundItem, in transaction: WriteTransaction) throws(OptOutError) {
        guard let reply = result.reply, item.senderForm == .whatsAppID, let to = item.sender ?? item.senderUserID else { return }
        try transaction.enqueueReply(scope: result.scope, to: to, line: item.line, text: reply, messageID: item.messageID, at: now)
    }

    /// Help and none: nothing to record; help gets its reply.
    private func finish(
        _ result: inout IngestResult, _ item: InboundItem, identifier: Identifier, scope: String, rules: ScopeRules,
        in transaction: WriteTransaction
    ) throws(OptOutError) -> IngestResult {
        result.statusAfter = try transaction.status(scope: scope, matchKey: identifier.matchKey)
        if result.verdict == .help, result.statusAfter != .blocked { result.reply = nonEmpty(try replies(for: result, in: transaction).help) }
        try queueForMeta(result, item, in: transaction)
        return result
    }

    private func apply(_ match: KeywordMatch, to result: inout IngestResult) {
        result.verdict = match.verdict
        result.keyword = match.keyword
        result.normalizedText = match.normalizedText
        result.rule = match.rule
        result.layer = match.layer
        result.proposed = match.proposed
        result.language = match.language
    }

    private static func action(for verdict: Verdict) -> Action? {
        switch verdict {
        case .optOut: .optOut
        case .optIn: .optIn
        case .review: .review
        case .help, .none: nil
        }
    }

    /// The replies of `result`'s scope in the language of the keyword or phrase that decided it
    /// (English when unknown), read from the settings the first time they are due.
    private func replies(for result: IngestResult, in transaction: ReadTransaction) throws(OptOutError) -> ReplyTexts {
        let scope = result.scope
        let language = result.language ?? .english
        if let replies = rulesByScope[scope]?.replies[language.index] { return replies }
        let replies = try transaction.replyTexts(scope: scope, language: language)
        rulesByScope[scope]?.replies[language.index] = replies
        return replies
    }

    private func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
