/// A read-only map from normalised words to values, looked up straight from message bytes (no
/// `String`, no allocation): FNV-1a hashing into an open-addressing table over one byte pool.
///
/// `WordTable` (a word's flags) and `IntentReader` (a word's id in the patterns' vocabulary) use it.
struct WordMap<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var start: Int32 = -1
        var count: Int32 = 0
        var value: Value?
    }

    private var slots: [Slot]
    private var pool: [UInt8] = []
    private var mask: Int
    /// How many slots hold a word: kept at most half of them, so that every probe ends.
    private var used = 0

    /// Builds the map; the values of a repeated word are combined with `merge`.
    init(_ words: [(word: [UInt8], value: Value)], merge: (Value, Value) -> Value) {
        self.init(capacity: words.count)
        for (word, value) in words {
            word.withUnsafeBytes { insert($0, value, merge: merge) }
        }
    }

    /// An empty map sized for `capacity` words, filled with `insert`: at least twice as many slots, so
    /// it is at most half full (callers' capacities are upper bounds; a map made for four times as many
    /// took the keyword matcher's table to 96 KB, 24 pages every webhook touched for the first time).
    init(capacity: Int) {
        var slotCount = 16
        while slotCount < capacity &* 2 { slotCount &*= 2 }
        slots = Array(repeating: Slot(), count: slotCount)
        mask = slotCount &- 1
    }

    /// Adds `word` (an empty one is ignored); the values of a repeated word are combined with `merge`.
    /// More words than the `capacity` the map was made for make it grow.
    mutating func insert(_ word: UnsafeRawBufferPointer, _ value: Value, merge: (Value, Value) -> Value) {
        if word.isEmpty { return }
        if used &* 2 >= slots.count { grow() }
        var index = Int(truncatingIfNeeded: WordMap.hash(word)) & mask
        while slots[index].start >= 0 {
            if equals(slots[index], word) {
                slots[index].value = slots[index].value.map { merge($0, value) } ?? value
                return
            }
            index = (index &+ 1) & mask
        }
        slots[index] = Slot(start: Int32(pool.count), count: Int32(word.count), value: value)
        pool.append(contentsOf: word)
        used &+= 1
    }

    /// Doubles the slots, placing every word again (its bytes stay where they are in the pool).
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count &* 2)
        mask = slots.count &- 1
        pool.withUnsafeBytes { pool in
            for slot in old where slot.start >= 0 {
                let word = UnsafeRawBufferPointer(rebasing: pool[Int(slot.start)..<Int(slot.start &+ slot.count)])
                var index = Int(truncatingIfNeeded: WordMap.hash(word)) & mask
                while slots[index].start >= 0 { index = (index &+ 1) & mask }
                slots[index] = slot
            }
        }
    }

    /// The value of `word`, nil when it is not in the map.
    @inline(__always)
    func value(_ word: UnsafeRawBufferPointer) -> Value? {
        if word.isEmpty { return nil }
        var index = Int(truncatingIfNeeded: WordMap.hash(word)) & mask
        while true {
            let slot = slots[index]
            if slot.start < 0 { return nil }
            if equals(slot, word) { return slot.value }
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
