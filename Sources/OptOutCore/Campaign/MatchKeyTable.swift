/// An open-addressing hash table from match keys (E.164 digits folded by `PhoneNumber.matchKey`) to
/// one byte each, used by `SuppressionSet` (key → `Facts`) and by `--dedupe` (keys seen).
///
/// Keys live in one flat `[UInt64]` and values in a parallel `[UInt8]`: 9 bytes a slot, at most half
/// the slots used, so 100,000 numbers take about 2.3 MB. 0 marks an empty slot (a match key is at least
/// 10^7, never 0). Slots are found by Fibonacci hashing (multiply by 2^64/φ, keep the high bits) and
/// linear probing; one look-up is usually one cache line. The table doubles when half full.
struct MatchKeyTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt8]
    /// `keys.count - 1`; the capacity is a power of two.
    private var mask: Int
    /// 64 minus log2 of the capacity: the shift that keeps the hash's high bits.
    private var shift: UInt64
    /// How many keys are stored.
    private(set) var count = 0

    /// An empty table with room for `expected` keys before it grows.
    init(expected: Int = 0) {
        var capacity = 16
        while capacity / 2 < expected && capacity < (1 << 40) { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [UInt8](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// A table of `keys[i] → values[i]` (values of a key given twice are merged), sized for them.
    init(keys: [UInt64], values: [UInt8]) {
        self.init(expected: keys.count)
        for index in keys.indices where index < values.count {
            insert(keys[index], merging: values[index])
        }
    }

    /// The number of slots.
    var capacity: Int { keys.count }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, or nil.
    @inline(__always)
    func value(for key: UInt64) -> UInt8? {
        guard key != 0 else { return nil }
        return keys.withUnsafeBufferPointer { keys -> UInt8? in
            var index = slot(for: key)
            while true {
                let stored = keys[index]
                if stored == key { return values.withUnsafeBufferPointer { $0[index] } }
                if stored == 0 { return nil }
                index = (index &+ 1) & mask
            }
        }
    }

    /// Stores `value | previous value` for `key` (facts of the same person merge); returns true when
    /// the key was new. Key 0 is ignored and reported as not new.
    @discardableResult
    mutating func insert(_ key: UInt64, merging value: UInt8 = 0) -> Bool {
        guard key != 0 else { return false }
        if (count &+ 1) &* 2 > keys.count { grow() }
        var index = slot(for: key)
        while true {
            let stored = keys[index]
            if stored == key {
                values[index] |= value
                return false
            }
            if stored == 0 {
                keys[index] = key
                values[index] = value
                count += 1
                return true
            }
            index = (index &+ 1) & mask
        }
    }

    /// Doubles the capacity and re-inserts every key.
    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let capacity = oldKeys.count * 2
        keys = [UInt64](repeating: 0, count: capacity)
        values = [UInt8](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = 0
        for index in 0..<oldKeys.count where oldKeys[index] != 0 {
            insert(oldKeys[index], merging: oldValues[index])
        }
    }
}
