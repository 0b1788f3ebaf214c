/// The settings `ingest-message` reads: the three keyword sets, the three reply texts and the button
/// payload map, stored in the database like every setting (`optout config`).
///
/// Formats (written down in Docs/ingest.md):
/// - keyword sets (`keywords.opt-out`, `keywords.opt-in`, `keywords.help`): keywords separated by
///   commas, e.g. `stop, quit, darme de baja`. A comma can never be part of a keyword (normalisation
///   turns it into a space), so no quoting is needed. Stored as `a, b, c`; a keyword that normalises
///   to nothing (`!!!`) is refused. An empty value is an empty set. `config add`/`remove` compare
///   keywords after normalisation (`OPT-OUT` is `opt out`).
/// - replies (`reply.opt-out`, `reply.opt-in`, `reply.help`): the text, sent as written; empty means
///   no reply.
/// - `brand-words`: program or brand names, comma-separated like keywords; the folded layer allows
///   them after an opt-out keyword ("STOP Acme").
/// - `button-payloads`: `PAYLOAD=verdict` pairs separated by commas, verdict one of `opt-out`,
///   `opt-in`, `help`, `none`; e.g. `promo_off=opt-out, MORE_INFO=none`.
public enum IngestSettings {
    /// The keyword set settings, by set.
    public static func keywords(_ set: KeywordSet) -> SettingDefinition {
        switch set {
        case .optOut: optOutKeywords
        case .optIn: optInKeywords
        case .help: helpKeywords
        }
    }

    /// The reply text settings, by set and language: `reply.opt-out` is English (and the reply of any
    /// keyword whose language is not known), `reply.opt-out.es` Spanish, and so on.
    public static func reply(_ set: KeywordSet, _ language: ReplyLanguage = .english) -> SettingDefinition {
        replies[language.index][set]
    }

    /// The reply settings, in `ReplyLanguage.allCases` order.
    private static let replies: [PerKeywordSet<SettingDefinition>] = ReplyLanguage.allCases.map { language in
        PerKeywordSet(
            optOut: replyDefinition(.optOut, language), optIn: replyDefinition(.optIn, language),
            help: replyDefinition(.help, language))
    }

    /// Every ingest setting, in `config list` order.
    public static let all: [SettingDefinition] =
        [optOutKeywords, optInKeywords, helpKeywords]
        + ReplyLanguage.allCases.flatMap { language in KeywordSet.allCases.map { reply($0, language) } }
        + [buttonPayloads, brandWords, lineScopes]

    /// The keyword set a setting key names (`keywords.opt-out` → `.optOut`), nil for other keys.
    public static func keywordSet(forKey key: String) -> KeywordSet? {
        KeywordSet.allCases.first { keywords($0).key == key }
    }

    static let optOutKeywords = keywordDefinition(.optOut)
    static let optInKeywords = keywordDefinition(.optIn)
    static let helpKeywords = keywordDefinition(.help)

    static let buttonPayloads = SettingDefinition(
        key: "button-payloads", defaultValue: "",
        summary: "button payloads mapped to a verdict: PAYLOAD=opt-out|opt-in|help|none, comma-separated"
    ) { value throws(OptOutError) in
        try formatPayloads(parsePayloads(value))
    }

    /// `line-scopes`: `LINE=scope` pairs, comma-separated; a line is a Meta `phone_number_id` or a Twilio
    /// `To` number (with or without `whatsapp:`). Read from the run's scope.
    public static let lineScopes = SettingDefinition(
        key: "line-scopes", defaultValue: "",
        summary: "business lines mapped to scopes: LINE=scope (a Meta phone_number_id or a Twilio To number), comma-separated"
    ) { value throws(OptOutError) in
        try parseLineScopes(value).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    /// The line → scope map of a `line-scopes` value (keys as `lineKey` gives them).
    public static func parseLineScopes(_ value: String) throws(OptOutError) -> [String: String] {
        var map: [String: String] = [:]
        for (pair, line, scope) in try pairs(value, key: "line-scopes", form: "LINE=scope") {
            guard !line.isEmpty, !scope.isEmpty, !scope.contains(" ") else {
                throw OptOutError(.usage, "line-scopes: '\(pair)' must be LINE=scope")
            }
            map[lineKey(line)] = scope
        }
        return map
    }

    /// A line as compared: without a `whatsapp:` prefix.
    public static func lineKey(_ line: String) -> String {
        line.hasPrefix("whatsapp:") ? String(line.dropFirst("whatsapp:".count)) : line
    }

    static let brandWords = SettingDefinition(
        key: "brand-words", defaultValue: "",
        summary: "program or brand names allowed after an opt-out keyword (\"STOP Acme\"), comma-separated"
    ) { value throws(OptOutError) in
        formatKeywords(try validKeywords(splitKeywords(value)))
    }

    // MARK: - Keyword lists

    private static func keywordDefinition(_ set: KeywordSet) -> SettingDefinition {
        SettingDefinition(
            key: "keywords.\(set.rawValue)", defaultValue: formatKeywords(KeywordSets.defaults[set]),
            summary: "\(set.rawValue) keywords, comma-separated (config add/remove edit the list)"
        ) { value throws(OptOutError) in
            formatKeywords(try validKeywords(splitKeywords(value)))
        }
    }

    /// The keywords in a stored or typed list: split on commas, trimmed, empty pieces dropped.
    public static func splitKeywords(_ value: String) -> [String] {
        value.utf8.split(separator: UInt8(ascii: ",")).map(trim).filter { !$0.isEmpty }
    }

    /// `text` without the spaces and tabs at either end. On bytes: every webhook reads the lists of
    /// its scope, and a comma, a space, a tab and `=` are single bytes in UTF-8 that no other
    /// character contains.
    private static func trim(_ text: Substring.UTF8View) -> String {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var start = text.startIndex
        var end = text.endIndex
        while start < end && isBlank(text[start]) { start = text.index(after: start) }
        while end > start && isBlank(text[text.index(before: end)]) { end = text.index(before: end) }
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    /// The stored form of a keyword list: `a, b, c`.
    public static func formatKeywords(_ keywords: [String]) -> String { keywords.joined(separator: ", ") }

    /// Refuses keywords that normalise to nothing; keeps the list as written otherwise.
    static func validKeywords(_ keywords: [String]) throws(OptOutError) -> [String] {
        for keyword in keywords where MessageText.normalize(keyword).isEmpty {
            throw OptOutError(.usage, "keyword '\(keyword)' has no letters or digits; it could never match")
        }
        return keywords
    }

    // MARK: - Replies

    private static func replyDefinition(_ set: KeywordSet, _ language: ReplyLanguage) -> SettingDefinition {
        let suffix = language == .english ? "" : ".\(language.rawValue)"
        return SettingDefinition(
            key: "reply.\(set.rawValue)\(suffix)", defaultValue: ReplyTexts.defaults(language)[set],
            summary: "reply to \(set == .help ? "a help keyword" : "an \(set.rawValue) that changes consent")"
                + (language == .english ? " (and to keywords of no known language)" : " in \(language.rawValue)") + "; empty for none"
        ) { value throws(OptOutError) in
            guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
                throw OptOutError(.usage, "reply.\(set.rawValue)\(suffix) must not contain control characters other than newlines")
            }
            return value
        }
    }

    // MARK: - Button payloads

    /// Parses `PAYLOAD=verdict, …`.
    public static func parsePayloads(_ value: String) throws(OptOutError) -> [(String, Verdict)] {
        var result: [(String, Verdict)] = []
        for (pair, payload, verdictText) in try pairs(value, key: "button-payloads", form: "PAYLOAD=verdict") {
            guard !payload.isEmpty, let verdict = Verdict(rawValue: verdictText), verdict != .review else {
                throw OptOutError(
                    .usage, "button-payloads: '\(pair)' must be PAYLOAD=opt-out, opt-in, help or none")
            }
            result.removeAll { $0.0 == payload }
            result.append((payload, verdict))
        }
        return result
    }

    /// The `NAME=value` pieces of a comma-separated setting, trimmed, split at their last `=`; a piece
    /// without one is a usage error naming `key` and `form`.
    private static func pairs(_ value: String, key: String, form: String) throws(OptOutError)
        -> [(pair: String, name: String, value: String)]
    {
        var result: [(pair: String, name: String, value: String)] = []
        for pair in splitKeywords(value) {
            guard let equals = pair.utf8.lastIndex(of: UInt8(ascii: "=")) else {
                throw OptOutError(.usage, "\(key): '\(pair)' is not \(form)")
            }
            result.append((pair, trim(pair.utf8[..<equals]), trim(pair.utf8[pair.utf8.index(after: equals)...])))
        }
        return result
    }

    static func formatPayloads(_ pairs: [(String, Verdict)]) -> String {
        pairs.map { "\($0.0)=\($0.1.rawValue)" }.joined(separator: ", ")
    }
}

// MARK: - Store access

extension ReadTransaction {
    /// The keyword sets in the settings of `scope` (inherited, or built in, where unset).
    public func keywordSets(scope: String) throws(OptOutError) -> KeywordSets {
        var sets = KeywordSets.defaults
        for set in KeywordSet.allCases {
            // A list set nowhere is the built-in one, taken as it is rather than its text formatted and
            // split again (a test holds that the two are the same): most webhooks read only built-in lists.
            if let (value, _) = try storedSettingWithSource(IngestSettings.keywords(set), scope: scope) {
                sets[set] = IngestSettings.splitKeywords(value)
            }
        }
        return sets
    }

    /// The reply texts in the settings of `scope`, in `language`.
    public func replyTexts(scope: String, language: ReplyLanguage = .english) throws(OptOutError) -> ReplyTexts {
        var replies = ReplyTexts.defaults(language)
        for set in KeywordSet.allCases { replies[set] = try setting(IngestSettings.reply(set, language), scope: scope) }
        return replies
    }

    /// The button payload map in the settings of `scope`.
    public func buttonPayloads(scope: String) throws(OptOutError) -> [String: Verdict] {
        var map: [String: Verdict] = [:]
        for (payload, verdict) in try IngestSettings.parsePayloads(setting(IngestSettings.buttonPayloads, scope: scope)) {
            map[payload] = verdict
        }
        return map
    }

    /// The keyword matcher the settings of `scope` describe; build it once per run.
    public func keywordMatcher(scope: String) throws(OptOutError) -> KeywordMatcher {
        KeywordMatcher(
            sets: try keywordSets(scope: scope), buttonPayloads: try buttonPayloads(scope: scope),
            brandWords: IngestSettings.splitKeywords(try setting(IngestSettings.brandWords, scope: scope)))
    }
}

extension OptOutStore {
    /// Adds `words` to (or, with `removing`, removes them from) the keyword list `key`, comparing by
    /// normalised form, in `scope`, in one transaction, recorded as a setting change. A usage error when
    /// `key` is not a keyword set, or when the edit would break `KeywordProtection`.
    public func editKeywords(
        key: String, words: [String], removing: Bool, scope: String, actor: String?, at: Timestamp
    ) throws(OptOutError) -> KeywordListEdit {
        guard let set = IngestSettings.keywordSet(forKey: key) else {
            let keys = KeywordSet.allCases.map { IngestSettings.keywords($0).key }.joined(separator: ", ")
            throw OptOutError(.usage, "'\(key)' is not a keyword list; add and remove work on \(keys)")
        }
        let definition = IngestSettings.keywords(set)
        let requested = words.flatMap(IngestSettings.splitKeywords)
        _ = try IngestSettings.validKeywords(requested)
        return try write { transaction -> KeywordListEdit in
            var list = IngestSettings.splitKeywords(try transaction.setting(definition, scope: scope))
            var unchanged: [String] = []
            for word in requested {
                let normalized = MessageText.normalize(word)
                let present = list.contains { MessageText.normalize($0) == normalized }
                if removing {
                    if present { list.removeAll { MessageText.normalize($0) == normalized } } else { unchanged.append(word) }
                } else {
                    if present { unchanged.append(word) } else { list.append(word) }
                }
            }
            let stored = try transaction.setSetting(
                definition, to: IngestSettings.formatKeywords(list), scope: scope, actor: actor, at: at)
            return KeywordListEdit(stored: stored, unchanged: unchanged)
        }
    }
}
