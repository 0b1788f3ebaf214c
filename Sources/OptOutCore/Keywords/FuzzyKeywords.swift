/// The fuzzy layer's reading of one word: the keyword it is a typing slip of (contract §4).
///
/// A word is read as a keyword of four letters or more when it differs from it by exactly one of:
/// stretched or doubled letters ("stoppppp", "quiiit"), a neighbouring key on a QWERTY keyboard in
/// place of one letter ("stpp", "cancek"), one dropped letter ("unsubscrbe"), or two neighbouring
/// letters swapped ("sotp"). Never: an added letter that is not a repeat ("quite", "quiet" stay
/// themselves), a word of fewer than four letters, a word two keywords of different sets are both a
/// slip of, or any word of `OrdinaryWords` ("step", "shop", "stoop").
struct FuzzyKeywords: Sendable {
    /// How a word differs from the keyword it is read as.
    enum Slip: String, Sendable {
        case stretched = "stretched or doubled letters"
        case neighbouringKey = "a neighbouring key"
        case droppedLetter = "a dropped letter"
        case swappedLetters = "two letters swapped"
    }

    static let minimumLength = 4

    private struct Candidate: Sendable {
        var bytes: [UInt8]
        var entry: KeywordEntry
    }

    /// Keywords (normalised, spaces removed) by their length.
    private let byLength: [Int: [Candidate]]
    /// Keywords by their form with every run of a letter collapsed to one letter.
    private let byCollapsed: [[UInt8]: [Candidate]]

    /// Reads slips of `keywords`: normalised keyword forms without spaces, each with its entry.
    init(keywords: [(joined: String, entry: KeywordEntry)]) {
        var byLength: [Int: [Candidate]] = [:]
        var byCollapsed: [[UInt8]: [Candidate]] = [:]
        for (joined, entry) in keywords {
            let bytes = Array(joined.utf8)
            guard bytes.count >= Self.minimumLength, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            let candidate = Candidate(bytes: bytes, entry: entry)
            byLength[bytes.count, default: []].append(candidate)
            byCollapsed[Self.collapsed(bytes), default: []].append(candidate)
        }
        self.byLength = byLength
        self.byCollapsed = byCollapsed
    }

    /// The keyword `word` (one normalised word) is a slip of, and the slip; nil when none or ambiguous.
    func keyword(for slice: ArraySlice<UInt8>) -> (entry: KeywordEntry, slip: Slip)? {
        guard slice.count >= Self.minimumLength, slice.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        let word = Array(slice)
        var found: (entry: KeywordEntry, slip: Slip)?
        var ambiguous = false
        func consider(_ candidate: Candidate, _ slip: Slip) {
            if let current = found, current.entry.set != candidate.entry.set { ambiguous = true }
            if found == nil { found = (candidate.entry, slip) }
        }
        for candidate in byCollapsed[Self.collapsed(word)] ?? [] where !candidate.bytes.elementsEqual(word) {
            consider(candidate, .stretched)
        }
        for candidate in byLength[word.count] ?? [] {
            if let slip = Self.sameLengthSlip(word, candidate.bytes) { consider(candidate, slip) }
        }
        for candidate in byLength[word.count + 1] ?? [] where Self.isDroppedLetter(word, from: candidate.bytes) {
            consider(candidate, .droppedLetter)
        }
        guard let result = found, !ambiguous, !OrdinaryWords.contains(word) else { return nil }
        return result
    }

    // MARK: Slips

    private static func collapsed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes where result.last != byte { result.append(byte) }
        return result
    }

    /// A neighbouring-key substitution or a swap of two neighbouring letters.
    private static func sameLengthSlip(_ word: [UInt8], _ keyword: [UInt8]) -> Slip? {
        var first = -1
        var second = -1
        for index in word.indices where word[index] != keyword[index] {
            if first < 0 { first = index } else if second < 0 { second = index } else { return nil }
        }
        if first >= 0, second < 0 {
            return Keyboard.areNeighbours(word[first], keyword[first]) ? .neighbouringKey : nil
        }
        if second == first + 1, word[first] == keyword[second], word[second] == keyword[first] {
            return .swappedLetters
        }
        return nil
    }

    private static func isDroppedLetter(_ word: [UInt8], from keyword: [UInt8]) -> Bool {
        var skipped = false
        var wordIndex = 0
        for byte in keyword {
            if wordIndex < word.count, word[wordIndex] == byte {
                wordIndex += 1
            } else if !skipped {
                skipped = true
            } else {
                return false
            }
        }
        return wordIndex == word.count
    }

    /// Neighbouring keys of a QWERTY keyboard.
    private enum Keyboard {
        static let rows: [[UInt8]] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"].map { Array($0.utf8) }

        /// For each letter a...z, the letters around it (same row, and the two touching keys above and below).
        static let neighbours: [UInt32] = {
            var masks = [UInt32](repeating: 0, count: 26)
            func position(_ letter: UInt8) -> (row: Int, column: Int)? {
                for (row, keys) in rows.enumerated() { if let column = keys.firstIndex(of: letter) { return (row, column) } }
                return nil
            }
            for letter in UInt8(ascii: "a")...UInt8(ascii: "z") {
                guard let (row, column) = position(letter) else { continue }
                let around = [(row, column - 1), (row, column + 1), (row - 1, column), (row - 1, column + 1),
                              (row + 1, column - 1), (row + 1, column)]
                for (otherRow, otherColumn) in around where rows.indices.contains(otherRow) {
                    guard rows[otherRow].indices.contains(otherColumn) else { continue }
                    masks[Int(letter - 0x61)] |= 1 << UInt32(rows[otherRow][otherColumn] - 0x61)
                }
            }
            return masks
        }()

        static func areNeighbours(_ first: UInt8, _ second: UInt8) -> Bool {
            guard first >= 0x61, first <= 0x7A, second >= 0x61, second <= 0x7A else { return false }
            return neighbours[Int(first - 0x61)] & (1 << UInt32(second - 0x61)) != 0
        }
    }
}
