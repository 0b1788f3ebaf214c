// MARK: - SuppressionSet

/// The facts of every listed number of one scope, in memory, for filtering a campaign.
///
/// Built once (from the store, or from pairs in tests) and then only read: `facts(for:)` is one hash
/// look-up by `PhoneNumber.matchKey`, so `+521…` and `+52…` find the same entry. A number that is not
/// listed has no facts (`[]`, status active). Memory is about 23 bytes per listed number (a hash table
/// at most half full, 9 bytes a slot), independent of the size of any CSV filtered against it.
public struct SuppressionSet: Sendable {
    private var table: MatchKeyTable

    /// An empty set.
    public init() {
        table = MatchKeyTable()
    }

    /// A set from `(matchKey, facts)` pairs; facts given twice for one key are merged.
    public init<Pairs: Sequence>(_ pairs: Pairs) where Pairs.Element == (UInt64, Facts) {
        table = MatchKeyTable(expected: pairs.underestimatedCount)
        for (key, facts) in pairs { table.insert(key, merging: facts.rawValue) }
    }

    /// Loads every entry of `scope` that has a fact set (one read transaction).
    public init(store: OptOutStore, scope: String) throws(OptOutError) {
        var table = MatchKeyTable()
        try store.read {
            let expected = try store.database.scalarInt(
                "SELECT count(*) FROM entries WHERE scope = ? AND status <> 'active'", [.text(scope)]) ?? 0
            table = MatchKeyTable(expected: Int(clamping: expected))
            try store.forEachFacts(scope: scope) { key, facts in table.insert(key, merging: facts.rawValue) }
        }
        self.table = table
    }

    /// How many numbers are listed.
    public var count: Int { table.count }

    /// The facts recorded for the person with `matchKey`; empty when the number is not listed.
    @inline(__always)
    public func facts(for matchKey: UInt64) -> Facts {
        Facts(rawValue: table.value(for: matchKey) ?? 0)
    }

    /// The facts recorded for `number` (under any of its equivalent forms).
    public func facts(for number: PhoneNumber) -> Facts {
        facts(for: number.matchKey)
    }
}
