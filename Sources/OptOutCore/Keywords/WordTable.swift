/// A read-only set of normalised words with a few flags each, looked up straight from message bytes
/// (a `WordMap` of flags).
///
/// `KeywordMatcher` uses it to skip work that cannot succeed: most ordinary chat has no word that
/// could start a keyword, courtesy or intent pattern, and then the verdict is `none` without building
/// any `String` key.
struct WordTable: Sendable {
    /// What a word can be.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// The first word of a keyword or courtesy phrase, or a prefix of a keyword written without
        /// spaces: a whole-message segment can start with it.
        static let segmentStart = Flags(rawValue: 1 << 0)
        /// The first word of an intent pattern.
        static let intentStart = Flags(rawValue: 1 << 1)
        /// A one-word keyword (as normalised).
        static let keyword = Flags(rawValue: 1 << 2)
        /// The first word of a mail-app footer phrase ("sent from my…").
        static let footerStart = Flags(rawValue: 1 << 3)
        /// The first word of a keyword (one word or several): a clause without one is no keyword.
        static let keywordStart = Flags(rawValue: 1 << 4)
    }

    private var map: WordMap<Flags>

    /// An empty table sized for `capacity` words, filled with `add`.
    init(capacity: Int) {
        map = WordMap(capacity: capacity)
    }

    /// Adds `word` with `flags` (merged with the flags it has already).
    mutating func add(_ word: UnsafeRawBufferPointer, _ flags: Flags) {
        map.insert(word, flags) { $0.union($1) }
    }

    /// The flags of `word`, empty when it is not in the table.
    @inline(__always)
    func flags(_ word: UnsafeRawBufferPointer) -> Flags { map.value(word) ?? [] }

    /// The union of the flags of `words`, ranges of `bytes`.
    func flags(of words: [Range<Int>], in bytes: [UInt8]) -> Flags {
        var present: Flags = []
        bytes.withUnsafeBytes { raw in
            for word in words { present.formUnion(flags(UnsafeRawBufferPointer(rebasing: raw[word]))) }
        }
        return present
    }
}
