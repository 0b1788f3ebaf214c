/// The intent layer: reads requests in words with the `IntentRule` patterns (contract §4).
///
/// The message (without signature and quotations) is split into clauses; each clause is normalised
/// with look-alike letters folded, and every pattern is tried at every word. A match preceded in its
/// clause by a negation ("don't unsubscribe me") does not count. A clause that is a whole-message
/// keyword ("STOP. Who is this?") counts as a clear request for the strong opt-out keywords and as a
/// possible one for the keywords with an everyday sense (cancel, end, quit, remove…). Then:
/// - a clear request, with no limit and no request to restart in the message → opt-out;
/// - a clear request with a limit or a restart, or a possible one → review proposing an opt-out;
/// - only a request to restart → review proposing an opt-in;
/// - only negated requests → none, or review when the negation is a bare "no" that starts the clause.
struct IntentReader: Sendable {
    private let patterns: [IntentPattern]
    /// Indexes into `patterns`, by the id of the word a match can start with.
    private let patternsByFirstWord: [[Int]]
    private let vocabulary: IntentVocabulary
    private let negations: Set<Int32>
    private let bareNegations: Set<Int32>
    /// The normalised words a pattern can start with: a message without one skips the intent layer.
    private let firstWords: WordTable

    /// The reader, built from `IntentRule.all` the first time it is used (a few hundred patterns to
    /// compile: most of a single webhook's work when it was built with every matcher).
    static let shared = IntentReader()

    /// Normalised opt-out keywords that have an everyday sense: as a clause of a longer message they
    /// only make it a possible request.
    static let everydayKeywords: Set<String> = Set([
        "cancel", "end", "quit", "remove", "revoke", "alto", "salir", "cancelar", "parar", "detener",
        "remover", "annuler", "basta", "pare",
    ].map(MessageText.normalize))

    init() {
        var vocabulary = IntentVocabulary()
        var patterns: [IntentPattern] = []
        patterns.reserveCapacity(IntentRule.all.reduce(0) { $0 + $1.patterns.count })
        for (index, rule) in IntentRule.all.enumerated() {
            for text in rule.patterns {
                guard let pattern = IntentPattern(text, rule: index, vocabulary: &vocabulary) else {
                    preconditionFailure("intent rule \(rule.name): pattern \"\(text)\" does not compile")
                }
                patterns.append(pattern)
            }
        }
        func ids(_ words: [String]) -> Set<Int32> {
            Set(words.map { word in
                guard let id = vocabulary.id(ofWritten: word) else {
                    preconditionFailure("intent negation \"\(word)\" is not one word")
                }
                return id
            })
        }
        negations = ids(IntentRule.negations)
        bareNegations = ids(IntentRule.bareNegations)
        var byFirstWord = [[Int]](repeating: [], count: vocabulary.count)
        for (index, pattern) in patterns.enumerated() {
            for id in pattern.firstWords { byFirstWord[Int(id)].append(index) }
        }
        var firstWords = WordTable(capacity: byFirstWord.count)
        for (id, starting) in byFirstWord.enumerated() where !starting.isEmpty {
            vocabulary.word(Int32(id)).withUnsafeBytes { firstWords.add($0, .intentStart) }
        }
        self.firstWords = firstWords
        self.vocabulary = vocabulary
        self.patterns = patterns
        self.patternsByFirstWord = byFirstWord
    }


    /// Whether any of `words` of the normalised `bytes` can start a pattern.
    func hasFirstWord(_ bytes: [UInt8], _ words: [Range<Int>]) -> Bool {
        !firstWords.flags(of: words, in: bytes).isEmpty
    }

    /// One finding in a clause.
    private struct Finding {
        var meaning: IntentRule.Meaning
        var name: String
        var language: ReplyLanguage?
        var description: String
        var negated: Bool
        var bareNegation: Bool
    }

    /// The intent verdict for `text`, nil when no pattern or keyword clause is found. `folded` is
    /// `text` normalised with look-alikes folded, read as the only clause when `text` has no quotation
    /// and no clause punctuation (most messages). `keywordClause` reads one normalised clause as a
    /// whole-message keyword match.
    func read(
        _ text: String, folded: [UInt8], normalizedText: String, keywordClause: ([UInt8]) -> KeywordMatch?
    ) -> KeywordMatch? {
        let unquoted = QuotedText.removingQuotations(text)
        var clauses: [[UInt8]] = []
        if unquoted == nil && !Self.hasClauseBreak(text) {
            clauses = [folded]
        } else {
            var marked: [UInt8] = []
            MessageText.normalize(unquoted ?? text, into: &marked, foldingConfusables: true, marksClauses: true)
            clauses = marked.split(separator: 0x0A).map(Array.init)
        }
        var findings: [Finding] = []
        for bytes in clauses {
            if bytes.isEmpty { continue }
            // The clause's words as vocabulary ids, read from the bytes: no `String` per word.
            var ranges: [Range<Int>] = []
            var start = 0
            for index in bytes.indices where bytes[index] == 0x20 {
                ranges.append(start..<index)
                start = index &+ 1
            }
            ranges.append(start..<bytes.count)
            let words: [Int32] = bytes.withUnsafeBytes { raw in
                ranges.map { vocabulary.id(UnsafeRawBufferPointer(rebasing: raw[$0])) }
            }
            func text(_ from: Int, _ to: Int) -> String {
                String(decoding: bytes[ranges[from].lowerBound..<ranges[to - 1].upperBound], as: UTF8.self)
            }
            if clauses.count > 1, let match = keywordClause(bytes), let keyword = match.keyword,
               match.verdict == .optOut || match.verdict == .optIn {
                let everyday = Self.everydayKeywords.contains(MessageText.normalize(keyword))
                let meaning: IntentRule.Meaning =
                    match.verdict == .optIn ? .possibleOptIn : everyday ? .possibleOptOut : .optOut
                findings.append(Finding(
                    meaning: meaning, name: "keyword-sentence", language: match.language,
                    description: "the sentence \"\(text(0, ranges.count))\" is the \(match.verdict.rawValue) keyword \"\(keyword)\"",
                    negated: false, bareNegation: false))
                continue
            }
            for start in words.indices where words[start] >= 0 {
                let candidates = patternsByFirstWord[Int(words[start])]
                if candidates.isEmpty { continue }
                var matchedRules: Set<Int> = []
                for candidate in candidates where !matchedRules.contains(patterns[candidate].rule) {
                    let pattern = patterns[candidate]
                    guard let end = pattern.matchEnd(in: words, from: start) else { continue }
                    matchedRules.insert(pattern.rule)
                    let rule = IntentRule.all[pattern.rule]
                    let (negated, bare) = negation(before: start, in: words)
                    findings.append(Finding(
                        meaning: rule.meaning, name: rule.name, language: rule.replyLanguage,
                        description: "intent rule \"\(rule.name)\": \"\(text(start, end))\"",
                        negated: negated, bareNegation: bare))
                }
            }
        }
        return decide(findings, normalizedText: normalizedText)
    }

    private func decide(_ findings: [Finding], normalizedText: String) -> KeywordMatch? {
        let live = findings.filter { !$0.negated }
        let clear = live.filter { $0.meaning == .optOut }
        let possible = live.filter { $0.meaning == .possibleOptOut }
        let restart = live.filter { $0.meaning == .possibleOptIn }
        let limits = live.filter { $0.meaning == .limit }
        func match(_ verdict: Verdict, _ decisive: Finding, proposed: Verdict?, note: String) -> KeywordMatch {
            KeywordMatch(
                verdict: verdict, keyword: decisive.name, normalizedText: normalizedText,
                rule: decisive.description + note, layer: .intent, proposed: proposed, language: decisive.language)
        }
        if let first = clear.first {
            if let other = restart.first {
                return match(.review, first, proposed: .optOut, note: "; but also \(other.description): held for review")
            }
            if let limit = limits.first {
                return match(.review, first, proposed: .optOut, note: "; limited by \(limit.description): held for review")
            }
            return match(.optOut, first, proposed: nil, note: "")
        }
        if let first = possible.first {
            return match(.review, first, proposed: .optOut, note: ": a possible request to stop, held for review")
        }
        if let first = restart.first {
            return match(.review, first, proposed: .optIn, note: ": a request to restart, held for review")
        }
        if let first = findings.first(where: { $0.negated && $0.meaning != .limit }) {
            if first.bareNegation {
                return match(.review, first, proposed: .optOut, note: " after a bare \"no\" that starts the sentence: held for review")
            }
            return KeywordMatch(
                verdict: .none, keyword: nil, normalizedText: normalizedText,
                rule: first.description + " is negated: not a request", layer: .intent)
        }
        return nil
    }

    /// Whether a negation comes up to three words before `start`; `bare` when it is a bare "no"
    /// right before the request at the start of the clause.
    private func negation(before start: Int, in words: [Int32]) -> (negated: Bool, bare: Bool) {
        if start >= 1, bareNegations.contains(words[start - 1]) {
            return (true, start == 1)
        }
        for index in max(0, start - 3)..<start where negations.contains(words[index]) {
            return (true, false)
        }
        return (false, false)
    }

    /// Whether `text` may hold a clause break (`WordWriter.marksClauses`): one of its clause bytes, or
    /// the first byte of one of its clause scalars.
    static func hasClauseBreak(_ text: String) -> Bool {
        text.utf8.contains { WordWriter.clauseBytes.contains($0) || WordWriter.clauseLeadBytes.contains($0) }
    }

}
