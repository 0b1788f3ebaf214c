/// The facts of every listed number of one scope, in memory, for filtering a campaign.
///
/// Built once (from the store, or from pairs in tests) and then only read: `facts(for:)` is one hash
/// look-up by `PhoneNumber.matchKey`, so `+521…` and `+52…` find the same entry. A number that is not
/// listed has no facts (`[]`, status active). Memory is about 25 bytes per listed number (a hash table
/// at most half full, 9 bytes a slot, plus a bitmap of 8 to 16 bits a number), independent of the size
/// of any CSV filtered against it.
///
/// Most recipients of a campaign are not listed. The bitmap (one bit per hash value, small enough to
/// stay in the CPU cache) answers "not listed" for most of them without touching the larger table;
/// about one in ten unlisted numbers still goes on to the table.
public struct SuppressionSet: Sendable {
    private var table: MatchKeyTable
    private var bitmap: [UInt64] = [0]
    private var bitShift: UInt64 = 63

    /// An empty set.
    public init() {
        table = MatchKeyTable()
    }

    /// A set from `(matchKey, facts)` pairs; facts given twice for one key are merged.
    public init<Pairs: Sequence>(_ pairs: Pairs) where Pairs.Element == (UInt64, Facts) {
        var gathered = GatheredPairs()
        for (key, facts) in pairs { gathered.append(key, facts) }
        self.init(gathered)
    }

    /// Loads every entry of `scope` that has a fact set (one read transaction, one query).
    public init(store: OptOutStore, scope: String) throws(OptOutError) {
        var gathered = GatheredPairs()
        try store.read { transaction in
            try transaction.forEachFacts(scope: scope) { key, facts in gathered.append(key, facts) }
        }
        self.init(gathered)
    }

    /// Keys and facts in two flat arrays, gathered before the table is built so that the table is
    /// made once at its final size and never grows.
    private struct GatheredPairs {
        var keys: [UInt64] = []
        var values: [UInt8] = []

        init() {
            keys.reserveCapacity(1 << 12)
            values.reserveCapacity(1 << 12)
        }

        mutating func append(_ key: UInt64, _ facts: Facts) {
            keys.append(key)
            values.append(facts.rawValue)
        }
    }

    private init(_ gathered: GatheredPairs) {
        table = MatchKeyTable(keys: gathered.keys, values: gathered.values)
        buildBitmap(gathered.keys)
    }

    /// How many numbers are listed.
    public var count: Int { table.count }

    /// The facts recorded for the person with `matchKey`; empty when the number is not listed.
    @inline(__always)
    public func facts(for matchKey: UInt64) -> Facts {
        let bit = Int(truncatingIfNeeded: (matchKey &* 0xD6E8_FEB8_6659_FD93) >> bitShift)
        let word = bitmap.withUnsafeBufferPointer { $0[bit >> 6] }
        guard word & (1 << UInt64(bit & 63)) != 0 else { return [] }
        return Facts(rawValue: table.value(for: matchKey) ?? 0)
    }

    /// Sets one bit per key in a bitmap of 8–16 bits per key (at least 64 bits).
    private mutating func buildBitmap(_ keys: [UInt64]) {
        var bits = 64
        while bits < keys.count * 8 && bits < (1 << 40) { bits <<= 1 }
        bitmap = [UInt64](repeating: 0, count: bits / 64)
        bitShift = UInt64(64 - bits.trailingZeroBitCount)
        for key in keys {
            let bit = Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> bitShift)
            bitmap[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// The facts recorded for `number` (under any of its equivalent forms).
    public func facts(for number: PhoneNumber) -> Facts {
        facts(for: number.matchKey)
    }
}
