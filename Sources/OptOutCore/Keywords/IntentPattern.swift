/// An `IntentRule` pattern, compiled: a sequence of word slots matched against a clause's words, each
/// word given as its id in the patterns' vocabulary (`IntentVocabulary`; -1 for a word no pattern has).
struct IntentPattern: Sendable {
    enum Slot: Sendable {
        /// One of these word ids; skipped when optional.
        case word(Set<Int32>, optional: Bool)
        /// Up to `maxWords` words of anything.
        case gap(maxWords: Int)
    }

    static let maxGapWords = 2

    /// Index of the rule in `IntentRule.all`.
    var rule: Int
    var slots: [Slot]
    /// The pattern must be the whole clause.
    var wholeClause: Bool

    /// Compiles `text`, giving new words ids in `vocabulary`; nil (a programming error the tests
    /// catch) when it does not start with a required word or names an unknown class. Works on the
    /// pattern's UTF-8 bytes: every `ingest-message` run compiles the patterns, so `Character`
    /// splitting would cost start-up time.
    init?(_ text: String, rule: Int, vocabulary: inout IntentVocabulary) {
        self.rule = rule
        var bytes = Array(text.utf8)
        wholeClause = bytes.starts(with: [UInt8(ascii: "="), 0x20])
        if wholeClause { bytes.removeFirst(2) }
        var slots: [Slot] = []
        for token in bytes.split(separator: 0x20) {
            if token.elementsEqual([UInt8(ascii: "*")]) {
                slots.append(.gap(maxWords: Self.maxGapWords))
                continue
            }
            let optional = token.last == UInt8(ascii: "?")
            var ids = Set<Int32>()
            for choice in (optional ? token.dropLast() : token).split(separator: UInt8(ascii: "|")) {
                if choice.first == UInt8(ascii: "@") {
                    guard let members = IntentRule.classes[String(decoding: choice.dropFirst(), as: UTF8.self)] else {
                        return nil
                    }
                    for member in members { ids.insert(vocabulary.id(of: MessageText.normalize(member))) }
                } else {
                    let normalized = MessageText.normalize(String(decoding: choice, as: UTF8.self))
                    guard !normalized.isEmpty, !normalized.utf8.contains(0x20) else { return nil }
                    ids.insert(vocabulary.id(of: normalized))
                }
            }
            slots.append(.word(ids, optional: optional))
        }
        guard case .word(_, false)? = slots.first else { return nil }
        self.slots = slots
    }

    /// The word ids a match can start with.
    var firstWords: Set<Int32> {
        if case .word(let ids, _)? = slots.first { return ids }
        return []
    }

    /// The end of a match of the pattern starting at `start` in `words`, nil when it does not match.
    func matchEnd(in words: [Int32], from start: Int) -> Int? {
        guard let end = match(slot: 0, at: start, words) else { return nil }
        if wholeClause && (start != 0 || end != words.count) { return nil }
        return end
    }

    private func match(slot index: Int, at position: Int, _ words: [Int32]) -> Int? {
        if index == slots.count { return position }
        switch slots[index] {
        case .word(let choices, let optional):
            if position < words.count, choices.contains(words[position]),
               let end = match(slot: index + 1, at: position + 1, words) {
                return end
            }
            return optional ? match(slot: index + 1, at: position, words) : nil
        case .gap(let maxWords):
            for skipped in 0...maxWords where position + skipped <= words.count {
                if let end = match(slot: index + 1, at: position + skipped, words) { return end }
            }
            return nil
        }
    }
}
