/// A read-only set of normalised words with a few flags each, looked up straight from message bytes
/// (no `String`, no allocation): FNV-1a hashing into an open-addressing table over one byte pool.
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
    }

    private struct Slot: Sendable {
        var start: Int32 = -1
        var count: Int32 = 0
        var flags: Flags = []
    }

    private var slots: [Slot]
    private var pool: [UInt8] = []
    private var mask: Int

    /// Builds the table from words and their flags (flags of repeated words are merged).
    init(_ words: [(word: [UInt8], flags: Flags)]) {
        var capacity = 16
        while capacity < words.count &* 4 { capacity &*= 2 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity &- 1
        for (word, flags) in words where !word.isEmpty {
            word.withUnsafeBytes { insert($0, flags) }
        }
    }

    private mutating func insert(_ word: UnsafeRawBufferPointer, _ flags: Flags) {
        var index = Int(truncatingIfNeeded: WordTable.hash(word)) & mask
        while slots[index].start >= 0 {
            if equals(slots[index], word) {
                slots[index].flags.formUnion(flags)
                return
            }
            index = (index &+ 1) & mask
        }
        slots[index] = Slot(start: Int32(pool.count), count: Int32(word.count), flags: flags)
        pool.append(contentsOf: word)
    }

    /// The flags of `word`, empty when it is not in the table.
    @inline(__always)
    func flags(_ word: UnsafeRawBufferPointer) -> Flags {
        if word.isEmpty { return [] }
        var index = Int(truncatingIfNeeded: WordTable.hash(word)) & mask
        while true {
            let slot = slots[index]
            if slot.start < 0 { return [] }
            if equals(slot, word) { return slot.flags }
            index = (index &+ 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ slot: Slot, _ word: UnsafeRawBufferPointer) -> Bool {
        guard Int(slot.count) == word.count else { return false }
        let start = Int(slot.start)
        return pool.withUnsafeBytes { pool in
            var offset = 0
            while offset < word.count {
                if pool[start &+ offset] != word[offset] { return false }
                offset &+= 1
            }
            return true
        }
    }

    @inline(__always)
    private static func hash(_ word: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }
}
