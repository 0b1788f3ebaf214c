/// An `IntentRule` pattern, compiled: a sequence of word slots matched against a clause's words, each
/// word given as its id in the patterns' vocabulary (`IntentVocabulary`; -1 for a word no pattern has).
struct IntentPattern: Sendable {
    enum Slot: Sendable {
        /// One of these word ids (sorted, each once); skipped when optional.
        case word([Int32], optional: Bool)
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
    /// pattern's UTF-8 bytes, in place: every run that reads a message in words compiles the
    /// patterns, so an array or a `String` per word would cost start-up time.
    init?(_ text: String, rule: Int, vocabulary: inout IntentVocabulary) {
        self.rule = rule
        var text = text
        guard let (slots, wholeClause) = text.withUTF8({ Self.compile(UnsafeRawBufferPointer($0), &vocabulary) }) else {
            return nil
        }
        self.slots = slots
        self.wholeClause = wholeClause
    }

    /// The slots of the pattern `bytes`, and whether it must be the whole clause.
    private static func compile(
        _ bytes: UnsafeRawBufferPointer, _ vocabulary: inout IntentVocabulary
    ) -> (slots: [Slot], wholeClause: Bool)? {
        let space: UInt8 = 0x20
        let wholeClause = bytes.count >= 2 && bytes[0] == UInt8(ascii: "=") && bytes[1] == space
        var slots: [Slot] = []
        var position = wholeClause ? 2 : 0
        while position < bytes.count {
            if bytes[position] == space {
                position &+= 1
                continue
            }
            var end = position
            while end < bytes.count && bytes[end] != space { end &+= 1 }
            defer { position = end }
            if end &- position == 1 && bytes[position] == UInt8(ascii: "*") {
                slots.append(.gap(maxWords: maxGapWords))
                continue
            }
            let optional = bytes[end &- 1] == UInt8(ascii: "?")
            let tokenEnd = optional ? end &- 1 : end
            var ids: [Int32] = []
            var choiceStart = position
            while choiceStart <= tokenEnd {
                var choiceEnd = choiceStart
                while choiceEnd < tokenEnd && bytes[choiceEnd] != UInt8(ascii: "|") { choiceEnd &+= 1 }
                let choice = UnsafeRawBufferPointer(rebasing: bytes[choiceStart..<choiceEnd])
                if choice.first == UInt8(ascii: "@") {
                    let name = String(decoding: UnsafeRawBufferPointer(rebasing: choice.dropFirst()), as: UTF8.self)
                    guard let members = vocabulary.ids(ofClass: name) else { return nil }
                    if ids.isEmpty { ids = members } else { ids += members }
                } else {
                    guard let id = vocabulary.id(ofWritten: choice) else { return nil }
                    ids.append(id)
                }
                choiceStart = choiceEnd &+ 1
            }
            slots.append(.word(IntentVocabulary.sortedUnique(ids), optional: optional))
        }
        guard case .word(_, false)? = slots.first else { return nil }
        return (slots, wholeClause)
    }

    /// The word ids a match can start with (sorted, each once).
    var firstWords: [Int32] {
        if case .word(let ids, _)? = slots.first { return ids }
        return []
    }

    /// The end of a match of the pattern starting at `start` in `words`, nil when it does not match.
    func matchEnd(in words: [Int32], from start: Int) -> Int? {
        guard let end = match(slot: 0, at: start, words) else { return nil }
        if wholeClause && (start != 0 || end != words.count) { return nil }
        return end
    }

    /// Whether sorted `ids` holds `id` (a binary search: a word class has dozens of ids).
    @inline(__always)
    private static func contains(_ ids: [Int32], _ id: Int32) -> Bool {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low &+ high) >> 1
            if ids[middle] < id { low = middle &+ 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id
    }

    private func match(slot index: Int, at position: Int, _ words: [Int32]) -> Int? {
        if index == slots.count { return position }
        switch slots[index] {
        case .word(let choices, let optional):
            if position < words.count, Self.contains(choices, words[position]),
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
