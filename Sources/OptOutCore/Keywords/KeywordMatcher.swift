// MARK: - KeywordMatcher

/// Matches inbound message text and button taps against the keyword sets, in layers (contract §4,
/// Docs/keywords.md). The first layer that decides wins:
/// 1. **exact**: the whole normalised message is keywords of one set plus courtesy phrases (in any
///    order, repeated) → that set's verdict; keywords of two sets ("stop start") → `review`.
/// 2. **folded**: the same after look-alike Cyrillic and Greek letters are folded to Latin, a
///    sign-off or mail-app footer is removed, and the scope's brand words are allowed ("STOP Acme").
/// 3. **fuzzy**: the same with one typing slip in a keyword of four letters or more (`FuzzyKeywords`).
/// 4. **intent**: requests in words, per language, negations and quotations read (`IntentReader`).
/// 5. folded again: an opt-out keyword followed by one unknown word ("STOP Jenny") → `review`.
/// Otherwise `none`, even when a keyword occurs inside the sentence ("please don't stop my delivery").
///
/// Opt-ins take effect only from the exact layer: elsewhere they become `review` proposing an opt-in.
/// Build it once; the common case (ordinary chat) is a few hash look-ups over the message's words.
public struct KeywordMatcher: Sendable {
    /// The sets this matcher was built from.
    public let sets: KeywordSets
    /// Button payload → verdict overrides.
    public let buttonPayloads: [String: Verdict]
    /// The scope's brand words: a program or brand name allowed after an opt-out keyword.
    public let brandWords: [String]

    /// The keywords as normalised, built the first time a message is matched: all that a one-word
    /// keyword ("STOP") needs, so a webhook answering one never builds `tables`.
    private let keywords: DeferredValue<NormalizedKeywords>
    /// Everything else the layers read, built the first time a message needs more than `keywords`.
    private let tables: DeferredValue<Tables>
    /// The fuzzy layer's slips, built the first time a message reaches that layer.
    private let fuzzy: DeferredValue<FuzzyKeywords>

    /// Messages with more words than this are never whole-message keyword matches.
    static let maxWholeMessageWords = 16
    /// Rule name (and match keyword) when a message holds keywords of different sets.
    public static let conflictingKeywordsRule = "conflicting-keywords"

    /// Builds a matcher; keywords, courtesies, brand words and payload keys are normalised once, the
    /// first time a message needs them (a run that matches nothing normalises nothing).
    public init(sets: KeywordSets = .defaults, buttonPayloads: [String: Verdict] = [:], brandWords: [String] = []) {
        self.sets = sets
        self.buttonPayloads = buttonPayloads
        self.brandWords = brandWords
        let keywords = DeferredValue { NormalizedKeywords(sets, room: CourtesyPhrases.all.count + brandWords.count) }
        let tables = DeferredValue { Tables(keywords: keywords.value, buttonPayloads: buttonPayloads, brandWords: brandWords) }
        self.keywords = keywords
        self.tables = tables
        self.fuzzy = DeferredValue {
            FuzzyKeywords(keywords: tables.value.keywordsWithoutSpaces.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    // MARK: Tables

    /// Every keyword of the sets as normalised, in registration order, and the one each normalised
    /// form registers: order gives precedence (opt-out, then opt-in, then help; the first wins).
    private final class NormalizedKeywords: Sendable {
        let ordered: [(normalized: String, entry: KeywordEntry)]
        let first: [String: KeywordEntry]

        /// `room`: how many more phrases `Tables` adds to `first`'s keys, so that its copy of them
        /// keeps their places instead of hashing them again.
        init(_ sets: KeywordSets, room: Int) {
            var ordered: [(normalized: String, entry: KeywordEntry)] = []
            ordered.reserveCapacity(KeywordSet.allCases.reduce(0) { $0 + sets[$1].count })
            var first: [String: KeywordEntry] = [:]
            first.reserveCapacity(ordered.capacity + room)
            for set in KeywordSet.allCases {
                for keyword in sets[set] {
                    let normalized = MessageText.normalize(keyword)
                    if normalized.isEmpty { continue }
                    let entry = KeywordEntry(set: set, keyword: keyword)
                    ordered.append((normalized, entry))
                    if first[normalized] == nil { first[normalized] = entry }
                }
            }
            self.ordered = ordered
            self.first = first
        }
    }

    /// The phrases (keywords, courtesies, brand words), the keywords written without spaces, the
    /// normalised payloads and the word table for the pre-checks of `match(text:)`.
    private final class Tables: Sendable {
        let phrases: [String: PhraseEntry]
        let keywordsWithoutSpaces: [String: KeywordEntry]
        let maxPhraseWords: Int
        let maxPhraseBytes: Int
        let maxJoinedKeywordBytes: Int
        let normalizedPayloads: [String: (payload: String, verdict: Verdict)]
        /// Every word that can start a segment, or is a one-word keyword: a message without such words
        /// skips those layers without any `String` look-up. (The intent layer has its own table, built
        /// with the `IntentReader` the first time a message reaches that layer.)
        let wordTable: WordTable

        init(keywords: NormalizedKeywords, buttonPayloads: [String: Verdict], brandWords: [String]) {
            // The keywords' phrases first (`mapValues` keeps the dictionary's layout: nothing is hashed).
            var phrases = keywords.first.mapValues { PhraseEntry(keyword: $0) }
            var withoutSpaces: [String: KeywordEntry] = [:]
            withoutSpaces.reserveCapacity(keywords.ordered.count)
            var maxWords = 1
            var maxBytes = 0
            var maxJoinedBytes = 0
            func note(_ normalized: String) {
                maxWords = max(maxWords, KeywordMatcher.wordCount(normalized))
                maxBytes = max(maxBytes, normalized.utf8.count)
            }
            for (normalized, entry) in keywords.ordered {
                let joined = String(decoding: normalized.utf8.filter { $0 != 0x20 }, as: UTF8.self)
                if withoutSpaces[joined] == nil { withoutSpaces[joined] = entry }
                note(normalized)
                maxJoinedBytes = max(maxJoinedBytes, joined.utf8.count)
            }
            for courtesy in CourtesyPhrases.all {
                let normalized = MessageText.normalize(courtesy)
                if normalized.isEmpty || phrases[normalized] != nil { continue }
                phrases[normalized] = PhraseEntry(courtesy: courtesy)
                note(normalized)
            }
            for brand in brandWords {
                let normalized = MessageText.normalize(brand)
                if normalized.isEmpty || phrases[normalized] != nil { continue }
                phrases[normalized] = PhraseEntry(brand: brand)
                note(normalized)
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
            self.normalizedPayloads = payloads
            self.wordTable = Tables.wordTable(phrases: phrases, joinedKeywords: withoutSpaces.keys)
        }

        /// The word table, filled straight from the phrases' bytes (every prefix of a keyword written
        /// without spaces is a segment start).
        private static func wordTable(
            phrases: [String: PhraseEntry], joinedKeywords: Dictionary<String, KeywordEntry>.Keys
        ) -> WordTable {
            let capacity = phrases.count * 3 + joinedKeywords.reduce(0) { $0 + $1.utf8.count } + MessageFooter.phrases.count
            var table = WordTable(capacity: capacity)
            func bytes(of text: String, _ body: (UnsafeRawBufferPointer) -> Void) {
                var text = text
                text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            }
            func firstWord(_ phrase: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: phrase[..<(phrase.firstIndex(of: 0x20) ?? phrase.count)])
            }
            for (phrase, entry) in phrases {
                bytes(of: phrase) { phrase in
                    let first = firstWord(phrase)
                    table.add(first, .segmentStart)
                    if entry.keyword != nil, first.count == phrase.count { table.add(phrase, .keyword) }
                    if entry.keyword != nil { table.add(first, .keywordStart) }
                }
            }
            for joined in joinedKeywords {
                bytes(of: joined) { joined in
                    for length in stride(from: 1, through: joined.count, by: 1) {
                        table.add(UnsafeRawBufferPointer(rebasing: joined[..<length]), .segmentStart)
                    }
                }
            }
            for phrase in MessageFooter.phrases {
                bytes(of: phrase) { table.add(firstWord($0), .footerStart) }
            }
            return table
        }
    }

    private var phrases: [String: PhraseEntry] { tables.value.phrases }
    private var wordTable: WordTable { tables.value.wordTable }

    /// The table's flags for one word of `bytes`.
    @inline(__always)
    fileprivate func wordFlags(_ bytes: [UInt8], _ range: Range<Int>) -> WordTable.Flags {
        bytes.withUnsafeBytes { raw in wordTable.flags(UnsafeRawBufferPointer(rebasing: raw[range])) }
    }

    // MARK: Text

    /// Matches a message's text (see the type's documentation for the layers).
    public func match(text: String) -> KeywordMatch {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        MessageText.normalize(text, into: &bytes)
        let normalized = String(decoding: bytes, as: UTF8.self)
        if bytes.isEmpty {
            return KeywordMatch(verdict: .none, keyword: nil, normalizedText: normalized,
                                rule: "empty message after normalisation")
        }
        let words = Self.words(bytes)
        // 1. Exact, for a one-word message that is a keyword: what the whole-message parser finds for
        // it (the phrase registered under that word, which is a keyword's before any courtesy's or
        // brand word's), read from the keywords alone.
        if words.count == 1, let keyword = keywords.value.first[normalized] {
            var parser = WholeMessageParser(matcher: self, bytes: bytes, words: words, allowsBrands: false)
            parser.segments = [(keyword, nil, nil)]
            if var result = parser.verdict(normalized: normalized) {
                result.layer = .exact
                return result
            }
        }
        let present = flags(bytes, words)

        // 1. Exact.
        if present.contains(.segmentStart), var result = wholeMessage(bytes, words, brands: false, normalized: normalized) {
            result.layer = .exact
            return result
        }

        // 2. Folded: look-alike letters, sign-offs and footers, brand words.
        var folded = bytes
        var foldedWords = words
        var foldedPresent = present
        var notes: [String] = []
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let signOff = text.utf8.contains(0x0A) || text.utf8.contains(0x0D) ? MessageFooter.removingSignOff(text) : nil
        if !isASCII || signOff != nil {
            folded.removeAll(keepingCapacity: true)
            MessageText.normalize(signOff ?? text, into: &folded, foldingConfusables: true)
            if signOff != nil { notes.append("sign-off removed") }
            if folded != bytes, signOff == nil { notes.append("look-alike letters folded to Latin") }
            foldedWords = Self.words(folded)
            foldedPresent = flags(folded, foldedWords)
        }
        if foldedPresent.contains(.footerStart), !folded.isEmpty {
            let wordList = String(decoding: folded, as: UTF8.self).split(separator: " ")
            if let kept = MessageFooter.wordsBeforeFooter(wordList) {
                folded.removeSubrange(foldedWords[kept - 1].upperBound...)
                foldedWords.removeSubrange(kept...)
                notes.append("footer removed")
                foldedPresent = flags(folded, foldedWords)
            }
        }
        if (!notes.isEmpty || !brandWords.isEmpty), !folded.isEmpty, foldedPresent.contains(.segmentStart),
           var result = wholeMessage(folded, foldedWords, brands: true, normalized: normalized) {
            // Only the folded reading changed something, or a brand word was needed (the parser says so).
            if !notes.isEmpty || result.layer == .folded {
                result.layer = .folded
                if !notes.isEmpty { result.rule += " (\(notes.joined(separator: ", ")))" }
                result.holdOptInForReview()
                return result
            }
        }

        // 3. Fuzzy.
        if !folded.isEmpty, var result = fuzzyWholeMessage(folded, foldedWords, normalized: normalized) {
            result.layer = .fuzzy
            result.holdOptInForReview()
            return result
        }

        // 4. Intent. Its reader is built once per process, the first time a message gets this far: a
        // webhook answering "STOP" never pays for compiling the patterns.
        let intent = IntentReader.shared
        if foldedPresent.contains(.segmentStart) || intent.hasFirstWord(folded, foldedWords) {
            let reading = signOff ?? text
            if let result = intent.read(reading, folded: folded, normalizedText: normalized, keywordClause: { clause in
                let words = Self.words(clause)
                guard self.flags(clause, words).contains(.keywordStart) else { return nil }
                return self.wholeMessage(clause, words, brands: true, normalized: normalized)
            }) {
                return result
            }
        }

        // 5. An opt-out keyword and one unknown word.
        if foldedWords.count >= 2, foldedPresent.contains(.segmentStart),
           !wordFlags(folded, foldedWords[foldedWords.count - 1]).contains(.segmentStart) {
            let last = foldedWords[foldedWords.count - 1]
            let prefix = Array(folded[..<foldedWords[foldedWords.count - 2].upperBound])
            if let result = wholeMessage(prefix, Array(foldedWords.dropLast()), brands: true, normalized: normalized),
               result.verdict == .optOut, let keyword = result.keyword {
                return KeywordMatch(
                    verdict: .review, keyword: keyword, normalizedText: normalized,
                    rule: "opt-out keyword \"\(keyword)\" followed by the unknown word \"\(String(decoding: folded[last], as: UTF8.self))\": held for review",
                    layer: .folded, proposed: .optOut, language: result.language)
            }
        }

        if present.contains(.keyword) {
            for word in words {
                if let entry = phrases[KeywordMatcher.string(bytes, word)]?.keyword {
                    return KeywordMatch(verdict: .none, keyword: nil, normalizedText: normalized,
                                        rule: "\(entry.set.rawValue) keyword \"\(entry.keyword)\" inside a longer message; not a request")
                }
            }
        }
        return KeywordMatch(verdict: .none, keyword: nil, normalizedText: normalized,
                            rule: "no keyword or request")
    }

    /// The whole-message keyword match of `bytes`, nil when the message is not keywords and courtesies.
    private func wholeMessage(_ bytes: [UInt8], _ words: [Range<Int>], brands: Bool, normalized: String) -> KeywordMatch? {
        guard !words.isEmpty, words.count <= KeywordMatcher.maxWholeMessageWords,
              wordFlags(bytes, words[0]).contains(.segmentStart) else { return nil }
        var parser = WholeMessageParser(matcher: self, bytes: bytes, words: words, allowsBrands: brands)
        guard parser.parse(from: 0) else { return nil }
        return parser.verdict(normalized: normalized)
    }

    /// The fuzzy layer: every word is a keyword, courtesy or brand word, or a slip of a keyword, and at
    /// least one is a slip.
    private func fuzzyWholeMessage(_ bytes: [UInt8], _ words: [Range<Int>], normalized: String) -> KeywordMatch? {
        guard words.count <= KeywordMatcher.maxWholeMessageWords else { return nil }
        var corrected: [UInt8] = []
        var slips: [String] = []
        let fuzzy = self.fuzzy.value
        for (index, word) in words.enumerated() {
            if index > 0 { corrected.append(0x20) }
            if phrases[KeywordMatcher.string(bytes, word)] == nil,
               let (entry, slip) = fuzzy.keyword(for: bytes[word]) {
                let joined = Array(MessageText.normalize(entry.keyword).utf8.filter { $0 != 0x20 })
                corrected.append(contentsOf: joined)
                slips.append("\"\(KeywordMatcher.string(bytes, word))\" read as \"\(entry.keyword)\" (\(slip.rawValue))")
            } else if wordFlags(bytes, word).contains(.segmentStart) {
                corrected.append(contentsOf: bytes[word])
            } else {
                return nil
            }
        }
        guard !slips.isEmpty, var result = wholeMessage(corrected, Self.words(corrected), brands: true, normalized: normalized)
        else { return nil }
        result.rule = slips.joined(separator: ", ") + ": " + result.rule
        return result
    }

    private func flags(_ bytes: [UInt8], _ words: [Range<Int>]) -> WordTable.Flags {
        wordTable.flags(of: words, in: bytes)
    }

    private static func words(_ bytes: [UInt8]) -> [Range<Int>] {
        if bytes.isEmpty { return [] }
        var words: [Range<Int>] = []
        words.reserveCapacity(8)
        var start = 0
        for index in bytes.indices where bytes[index] == 0x20 {
            words.append(start..<index)
            start = index &+ 1
        }
        words.append(start..<bytes.count)
        return words
    }

    // MARK: Buttons

    /// Matches a button tap. A payload found in the payload map wins (exact string first, then
    /// normalised); otherwise the title, then the payload, are matched like text. Because the business
    /// itself offered the button, a title or payload that would be `review` proposing an opt-out as
    /// typed text (e.g. "No more offers") is an opt-out; conflicting keywords stay `review`.
    public func match(buttonTitle: String?, payload: String?) -> KeywordMatch {
        if let payload {
            if let verdict = buttonPayloads[payload] {
                return KeywordMatch(verdict: verdict, keyword: payload, normalizedText: MessageText.normalize(payload),
                                    rule: "button payload \"\(payload)\" mapped to \(verdict.rawValue)", layer: .button)
            }
            let normalized = MessageText.normalize(payload)
            if let mapped = tables.value.normalizedPayloads[normalized] {
                return KeywordMatch(verdict: mapped.verdict, keyword: mapped.payload, normalizedText: normalized,
                                    rule: "button payload \"\(payload)\" mapped to \(mapped.verdict.rawValue) (as \"\(mapped.payload)\")",
                                    layer: .button)
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
        if result.verdict == .review, result.proposed == .optOut, result.keyword != KeywordMatcher.conflictingKeywordsRule {
            result.verdict = .optOut
            result.proposed = nil
            result.rule = "button \(source) treated as opt-out: \(result.rule)"
        } else {
            result.rule = "button \(source): \(result.rule)"
        }
        return result
    }

    // MARK: Internals

    fileprivate func phraseEntry(_ bytes: [UInt8], _ range: Range<Int>) -> PhraseEntry? {
        let tables = tables.value
        if range.count > tables.maxPhraseBytes { return nil }
        return tables.phrases[KeywordMatcher.string(bytes, range)]
    }

    fileprivate func keywordWithoutSpaces(_ bytes: [UInt8], _ range: Range<Int>, words: Int) -> KeywordEntry? {
        let joinedCount = range.count &- (words &- 1)
        let tables = tables.value
        if joinedCount > tables.maxJoinedKeywordBytes { return nil }
        if words == 1 { return tables.keywordsWithoutSpaces[KeywordMatcher.string(bytes, range)] }
        // Join on the stack: keys are short, so neither the buffer nor the small String allocates.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: joinedCount) { buffer in
            var count = 0
            for index in range where bytes[index] != 0x20 && count < joinedCount {
                buffer[count] = bytes[index]
                count &+= 1
            }
            return tables.keywordsWithoutSpaces[String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)]
        }
    }

    fileprivate var longestPhraseWords: Int { tables.value.maxPhraseWords }

    private static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private static func wordCount(_ normalized: String) -> Int {
        normalized.utf8.reduce(1) { $1 == 0x20 ? $0 &+ 1 : $0 }
    }
}

// MARK: - WholeMessageParser

/// Splits a whole message into keywords, courtesy phrases and (when allowed) brand words, longest
/// phrase first, remembering positions that cannot be parsed so the work stays linear in the words.
private struct WholeMessageParser {
    let matcher: KeywordMatcher
    let bytes: [UInt8]
    let words: [Range<Int>]
    let allowsBrands: Bool
    var segments: [(keyword: KeywordEntry?, courtesy: String?, brand: String?)] = []
    var failed: UInt64 = 0

    init(matcher: KeywordMatcher, bytes: [UInt8], words: [Range<Int>], allowsBrands: Bool) {
        self.matcher = matcher
        self.bytes = bytes
        self.words = words
        self.allowsBrands = allowsBrands
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
            if let entry = matcher.phraseEntry(bytes, range), entry.brand == nil || allowsBrands {
                segments.append((entry.keyword, entry.keyword == nil ? entry.courtesy : nil, entry.brand))
                if parse(from: word &+ length) { return true }
                segments.removeLast()
            }
            if let keyword = matcher.keywordWithoutSpaces(bytes, range, words: length) {
                segments.append((keyword, nil, nil))
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
                                rule: "keywords of different sets: \(first.set.rawValue) \"\(first.keyword)\", " + others.joined(separator: ", "),
                                proposed: .optOut)
        }
        let brands = segments.compactMap(\.brand)
        if !brands.isEmpty && first.set != .optOut { return nil }
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
        if !brands.isEmpty { rule += " with brand word \(quoted(brands))" }
        // A brand word is the folded layer's reading; callers set the layer otherwise.
        return KeywordMatch(verdict: first.set.verdict, keyword: first.keyword, normalizedText: normalized, rule: rule,
                            layer: brands.isEmpty ? nil : .folded, language: ReplyLanguage.of(keyword: first.keyword))
    }
}
