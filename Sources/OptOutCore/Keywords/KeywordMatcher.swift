// MARK: - KeywordMatch

// MARK: - KeywordMatcher

/// Matches inbound message text and button taps against the keyword sets (contract §4).
///
/// Build it once; matching is dictionary look-ups over the message's words, with no regular
/// expressions. Order of decisions for text:
/// 1. The normalised message is empty → `none`.
/// 2. The whole message is made of keywords of one set plus courtesy phrases (in any order,
///    repeated) → that set's verdict. Keywords of two sets ("stop start") → `review`.
/// 3. A review phrase occurs anywhere in the message → `review`.
/// 4. Otherwise → `none`, even when a keyword occurs inside the sentence.
public struct KeywordMatcher: Sendable {
    /// The sets this matcher was built from.
    public let sets: KeywordSets
    /// Button payload → verdict overrides.
    public let buttonPayloads: [String: Verdict]

    private let phrases: [String: PhraseEntry]
    private let keywordsWithoutSpaces: [String: KeywordEntry]
    private let maxPhraseWords: Int
    private let maxPhraseBytes: Int
    private let maxJoinedKeywordBytes: Int
    private let reviewPhrases: [String: [ReviewPhrase]]
    private let normalizedPayloads: [String: (payload: String, verdict: Verdict)]
    /// Every word that can start a segment or review phrase, or is a one-word keyword: a message
    /// without such words is `none` without any `String` look-up.
    private let wordTable: WordTable

    /// Messages with more words than this are never whole-message keyword matches.
    static let maxWholeMessageWords = 16
    /// Rule name (and match keyword) when a message holds keywords of different sets.
    public static let conflictingKeywordsRule = "conflicting-keywords"

    /// Builds a matcher; keywords, courtesies, review phrases and payload keys are normalised here once.
    public init(sets: KeywordSets = .defaults, buttonPayloads: [String: Verdict] = [:]) {
        self.sets = sets
        self.buttonPayloads = buttonPayloads
        var phrases: [String: PhraseEntry] = [:]
        var withoutSpaces: [String: KeywordEntry] = [:]
        var maxWords = 1
        var maxBytes = 0
        var maxJoinedBytes = 0
        // Order gives precedence: opt-out, then opt-in, then help; the first registration wins.
        for set in KeywordSet.allCases {
            for keyword in sets[set] {
                let normalized = MessageText.normalize(keyword)
                if normalized.isEmpty { continue }
                let entry = KeywordEntry(set: set, keyword: keyword)
                if phrases[normalized]?.keyword == nil {
                    phrases[normalized] = PhraseEntry(keyword: entry, courtesy: nil)
                }
                let joined = String(normalized.filter { $0 != " " })
                if withoutSpaces[joined] == nil { withoutSpaces[joined] = entry }
                maxWords = max(maxWords, KeywordMatcher.wordCount(normalized))
                maxBytes = max(maxBytes, normalized.utf8.count)
                maxJoinedBytes = max(maxJoinedBytes, joined.utf8.count)
            }
        }
        for courtesy in CourtesyPhrases.all {
            let normalized = MessageText.normalize(courtesy)
            if normalized.isEmpty || phrases[normalized] != nil { continue }
            phrases[normalized] = PhraseEntry(keyword: nil, courtesy: courtesy)
            maxWords = max(maxWords, KeywordMatcher.wordCount(normalized))
            maxBytes = max(maxBytes, normalized.utf8.count)
        }
        var review: [String: [ReviewPhrase]] = [:]
        for rule in ReviewRule.defaults {
            for phrase in rule.phrases {
                let normalized = MessageText.normalize(phrase)
                guard let firstWord = normalized.split(separator: " ").first else { continue }
                review[String(firstWord), default: []].append(
                    ReviewPhrase(rule: rule.name, phrase: normalized, bytes: Array(normalized.utf8)))
            }
        }
        var payloads: [String: (payload: String, verdict: Verdict)] = [:]
        for payload in buttonPayloads.keys.sorted() {
            guard let verdict = buttonPayloads[payload] else { continue }
            let normalized = MessageText.normalize(payload)
            if payloads[normalized] == nil { payloads[normalized] = (payload, verdict) }
        }
        self.phrases = phrases
        self.keywordsWithoutSpaces = withoutSpaces
        self.maxPhraseWords = maxWords
        self.maxPhraseBytes = maxBytes
        self.maxJoinedKeywordBytes = maxJoinedBytes
        self.reviewPhrases = review
        self.normalizedPayloads = payloads
        self.wordTable = KeywordMatcher.wordTable(phrases: phrases, joinedKeywords: withoutSpaces.keys, review: review.keys)
    }

    /// The word table for the pre-checks of `match(normalizedBytes:)`.
    private static func wordTable(
        phrases: [String: PhraseEntry], joinedKeywords: Dictionary<String, KeywordEntry>.Keys,
        review: Dictionary<String, [ReviewPhrase]>.Keys
    ) -> WordTable {
        var words: [(word: [UInt8], flags: WordTable.Flags)] = []
        for (phrase, entry) in phrases {
            let bytes = Array(phrase.utf8)
            let firstWord = Array(bytes.prefix { $0 != 0x20 })
            words.append((firstWord, .segmentStart))
            if entry.keyword != nil, firstWord.count == bytes.count { words.append((bytes, .keyword)) }
        }
        for joined in joinedKeywords {
            let bytes = Array(joined.utf8)
            for length in stride(from: 1, through: bytes.count, by: 1) {
                words.append((Array(bytes[..<length]), .segmentStart))
            }
        }
        for firstWord in review { words.append((Array(firstWord.utf8), .reviewStart)) }
        return WordTable(words)
    }

    /// The table's flags for one word of `bytes`.
    @inline(__always)
    fileprivate func wordFlags(_ bytes: [UInt8], _ range: Range<Int>) -> WordTable.Flags {
        bytes.withUnsafeBytes { raw in wordTable.flags(UnsafeRawBufferPointer(rebasing: raw[range])) }
    }

    // MARK: Text

    /// Matches a message's text (see the type's documentation for the order of decisions).
    public func match(text: String) -> KeywordMatch {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        MessageText.normalize(text, into: &bytes)
        return match(normalizedBytes: bytes)
    }

    private func match(normalizedBytes bytes: [UInt8]) -> KeywordMatch {
        let normalized = String(decoding: bytes, as: UTF8.self)
        if bytes.isEmpty {
            return KeywordMatch(verdict: .none, keyword: nil, normalizedText: normalized,
                                rule: "empty message after normalisation")
        }
        var words: [Range<Int>] = []
        words.reserveCapacity(8)
        var start = 0
        for index in bytes.indices where bytes[index] == 0x20 {
            words.append(start..<index)
            start = index &+ 1
        }
        words.append(start..<bytes.count)

        // Pre-checks: a whole-message match needs a first word that can start a segment, a review
        // phrase a word that starts one, and the "keyword inside" note a one-word keyword.
        var present: WordTable.Flags = []
        bytes.withUnsafeBytes { raw in
            for word in words { present.formUnion(wordTable.flags(UnsafeRawBufferPointer(rebasing: raw[word]))) }
        }
        if present.isEmpty {
            return KeywordMatch(verdict: .none, keyword: nil, normalizedText: normalized,
                                rule: "no keyword or review phrase")
        }
        if words.count <= KeywordMatcher.maxWholeMessageWords,
           wordFlags(bytes, words[0]).contains(.segmentStart) {
            var parser = WholeMessageParser(matcher: self, bytes: bytes, words: words)
            if parser.parse(from: 0), let result = parser.verdict(normalized: normalized) {
                return result
            }
        }
        if present.contains(.reviewStart), let review = findReviewPhrase(bytes: bytes, words: words) {
            return KeywordMatch(verdict: .review, keyword: review.rule, normalizedText: normalized,
                                rule: "review rule \"\(review.rule)\": phrase \"\(review.phrase)\" in the message")
        }
        for word in words where present.contains(.keyword) {
            if let entry = phrases[KeywordMatcher.string(bytes, word)]?.keyword {
                return KeywordMatch(verdict: .none, keyword: nil, normalizedText: normalized,
                                    rule: "\(entry.set.rawValue) keyword \"\(entry.keyword)\" inside a longer message; not a whole-message match")
            }
        }
        return KeywordMatch(verdict: .none, keyword: nil, normalizedText: normalized,
                            rule: "no keyword or review phrase")
    }

    // MARK: Buttons

    /// Matches a button tap. A payload found in the payload map wins (exact string first, then
    /// normalised); otherwise the title, then the payload, are matched like text. Because the business
    /// itself offered the button, a title or payload that would be `review` as typed text (e.g. "No
    /// more offers") is an opt-out; only conflicting keywords stay `review`.
    public func match(buttonTitle: String?, payload: String?) -> KeywordMatch {
        if let payload {
            if let verdict = buttonPayloads[payload] {
                return KeywordMatch(verdict: verdict, keyword: payload, normalizedText: MessageText.normalize(payload),
                                    rule: "button payload \"\(payload)\" mapped to \(verdict.rawValue)")
            }
            let normalized = MessageText.normalize(payload)
            if let mapped = normalizedPayloads[normalized] {
                return KeywordMatch(verdict: mapped.verdict, keyword: mapped.payload, normalizedText: normalized,
                                    rule: "button payload \"\(payload)\" mapped to \(mapped.verdict.rawValue) (as \"\(mapped.payload)\")")
            }
        }
        var titleMatch: KeywordMatch?
        if let buttonTitle {
            let result = buttonMatch(buttonTitle, source: "title")
            if result.verdict != .none { return result }
            titleMatch = result
        }
        if let payload {
            let result = buttonMatch(payload, source: "payload")
            if result.verdict != .none || titleMatch == nil { return result }
        }
        return titleMatch ?? KeywordMatch(verdict: .none, keyword: nil, normalizedText: "",
                                          rule: "button without title or payload")
    }

    private func buttonMatch(_ text: String, source: String) -> KeywordMatch {
        var result = match(text: text)
        if result.verdict == .review, result.keyword != KeywordMatcher.conflictingKeywordsRule {
            result.verdict = .optOut
            result.rule = "button \(source) treated as opt-out: \(result.rule)"
        } else {
            result.rule = "button \(source): \(result.rule)"
        }
        return result
    }

    // MARK: Internals

    fileprivate func phraseEntry(_ bytes: [UInt8], _ range: Range<Int>) -> PhraseEntry? {
        if range.count > maxPhraseBytes { return nil }
        return phrases[KeywordMatcher.string(bytes, range)]
    }

    fileprivate func keywordWithoutSpaces(_ bytes: [UInt8], _ range: Range<Int>, words: Int) -> KeywordEntry? {
        let joinedCount = range.count &- (words &- 1)
        if joinedCount > maxJoinedKeywordBytes { return nil }
        if words == 1 { return keywordsWithoutSpaces[KeywordMatcher.string(bytes, range)] }
        // Join on the stack: keys are short, so neither the buffer nor the small String allocates.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: joinedCount) { buffer in
            var count = 0
            for index in range where bytes[index] != 0x20 && count < joinedCount {
                buffer[count] = bytes[index]
                count &+= 1
            }
            return keywordsWithoutSpaces[String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)]
        }
    }

    fileprivate var longestPhraseWords: Int { maxPhraseWords }

    private func findReviewPhrase(bytes: [UInt8], words: [Range<Int>]) -> ReviewPhrase? {
        for word in words {
            guard let candidates = reviewPhrases[KeywordMatcher.string(bytes, word)] else { continue }
            for candidate in candidates {
                let end = word.lowerBound &+ candidate.bytes.count
                guard end <= bytes.count, end == bytes.count || bytes[end] == 0x20 else { continue }
                if bytes[word.lowerBound..<end].elementsEqual(candidate.bytes) { return candidate }
            }
        }
        return nil
    }

    private static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private static func wordCount(_ normalized: String) -> Int {
        normalized.utf8.reduce(1) { $1 == 0x20 ? $0 &+ 1 : $0 }
    }
}

// MARK: - Tables

// MARK: - WholeMessageParser

/// Splits a whole message into keywords and courtesy phrases, longest phrase first, remembering
/// positions that cannot be parsed so the work stays linear in the number of words.
private struct WholeMessageParser {
    let matcher: KeywordMatcher
    let bytes: [UInt8]
    let words: [Range<Int>]
    var segments: [(keyword: KeywordEntry?, courtesy: String?, firstWord: Int)] = []
    var failed: UInt64 = 0

    init(matcher: KeywordMatcher, bytes: [UInt8], words: [Range<Int>]) {
        self.matcher = matcher
        self.bytes = bytes
        self.words = words
        segments.reserveCapacity(words.count)
    }

    mutating func parse(from word: Int) -> Bool {
        if word == words.count { return true }
        if failed & (1 << UInt64(word)) != 0 { return false }
        // Every segment starting here would begin with this word.
        if !matcher.wordFlags(bytes, words[word]).contains(.segmentStart) {
            failed |= 1 << UInt64(word)
            return false
        }
        let longest = min(matcher.longestPhraseWords, words.count &- word)
        var length = longest
        while length >= 1 {
            let range = words[word].lowerBound..<words[word &+ length &- 1].upperBound
            if let entry = matcher.phraseEntry(bytes, range) {
                segments.append((entry.keyword, entry.keyword == nil ? entry.courtesy : nil, word))
                if parse(from: word &+ length) { return true }
                segments.removeLast()
            }
            if let keyword = matcher.keywordWithoutSpaces(bytes, range, words: length) {
                segments.append((keyword, nil, word))
                if parse(from: word &+ length) { return true }
                segments.removeLast()
            }
            length &-= 1
        }
        failed |= 1 << UInt64(word)
        return false
    }

    func verdict(normalized: String) -> KeywordMatch? {
        guard let firstIndex = segments.firstIndex(where: { $0.keyword != nil }),
              let first = segments[firstIndex].keyword else { return nil }
        var others: [String] = []
        for segment in segments {
            if let keyword = segment.keyword, keyword.set != first.set {
                let description = "\(keyword.set.rawValue) \"\(keyword.keyword)\""
                if !others.contains(description) { others.append(description) }
            }
        }
        if !others.isEmpty {
            return KeywordMatch(verdict: .review, keyword: KeywordMatcher.conflictingKeywordsRule,
                                normalizedText: normalized,
                                rule: "keywords of different sets: \(first.set.rawValue) \"\(first.keyword)\", " + others.joined(separator: ", "))
        }
        let before = segments[..<firstIndex].compactMap { $0.courtesy }
        let after = segments[(firstIndex &+ 1)...].compactMap { $0.courtesy }
        let repeated = segments[(firstIndex &+ 1)...].compactMap { $0.keyword?.keyword }
        var rule = "whole-message \(first.set.rawValue) keyword \"\(first.keyword)\""
        func quoted(_ list: [String]) -> String { list.map { "\"\($0)\"" }.joined(separator: ", ") }
        if !before.isEmpty { rule += " preceded by courtesy \(quoted(before))" }
        if !repeated.isEmpty { rule += (before.isEmpty ? "" : " and") + " repeated with \(quoted(repeated))" }
        if !after.isEmpty {
            rule += (before.isEmpty && repeated.isEmpty ? "" : " and") + " followed by courtesy \(quoted(after))"
        }
        return KeywordMatch(verdict: first.set.verdict, keyword: first.keyword, normalizedText: normalized, rule: rule)
    }
}
