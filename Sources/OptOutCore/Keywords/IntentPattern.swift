/// An `IntentRule` pattern, compiled: a sequence of word slots matched against a clause's words.
struct IntentPattern: Sendable {
    enum Slot: Sendable {
        /// One of these normalised words; skipped when optional.
        case word(Set<String>, optional: Bool)
        /// Up to `maxWords` words of anything.
        case gap(maxWords: Int)
    }

    static let maxGapWords = 2

    /// Index of the rule in `IntentRule.all`.
    var rule: Int
    /// The pattern as written, for `--explain`.
    var text: String
    var slots: [Slot]
    /// The pattern must be the whole clause.
    var wholeClause: Bool

    /// Compiles `text`; nil (a programming error the tests catch) when it does not start with a
    /// required word or names an unknown class.
    init?(_ text: String, rule: Int) {
        self.rule = rule
        self.text = text
        var body = Substring(text)
        wholeClause = body.hasPrefix("= ")
        if wholeClause { body = body.dropFirst(2) }
        var slots: [Slot] = []
        for token in body.split(separator: " ") {
            if token == "*" {
                slots.append(.gap(maxWords: Self.maxGapWords))
                continue
            }
            let optional = token.hasSuffix("?")
            let choices = optional ? token.dropLast() : token
            var words = Set<String>()
            for choice in choices.split(separator: "|") {
                if choice.hasPrefix("@") {
                    guard let members = IntentRule.classes[String(choice.dropFirst())] else { return nil }
                    for member in members { words.insert(MessageText.normalize(member)) }
                } else {
                    let normalized = MessageText.normalize(String(choice))
                    guard !normalized.isEmpty, !normalized.contains(" ") else { return nil }
                    words.insert(normalized)
                }
            }
            slots.append(.word(words, optional: optional))
        }
        guard case .word(_, false)? = slots.first else { return nil }
        self.slots = slots
    }

    /// The words a match can start with.
    var firstWords: Set<String> {
        if case .word(let words, _)? = slots.first { return words }
        return []
    }

    /// The end of a match of the pattern starting at `start` in `words`, nil when it does not match.
    func matchEnd(in words: [Substring], from start: Int) -> Int? {
        guard let end = match(slot: 0, at: start, words) else { return nil }
        if wholeClause && (start != 0 || end != words.count) { return nil }
        return end
    }

    private func match(slot index: Int, at position: Int, _ words: [Substring]) -> Int? {
        if index == slots.count { return position }
        switch slots[index] {
        case .word(let choices, let optional):
            if position < words.count, choices.contains(String(words[position])),
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
