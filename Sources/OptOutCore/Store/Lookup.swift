// MARK: - check

/// Whether one number may receive a category.
public struct CheckResult: Sendable {
    public var input: NumberInput
    /// The number, or why the input is not one.
    public var number: Result<PhoneNumber, PhoneRejection>
    /// The status in the checked scope.
    public var status: Status
    /// Why it may not receive the category; nil when it may.
    public var suppression: SuppressionReason?

    /// True when the number is valid and may receive the category.
    public var allowed: Bool {
        if case .success = number { return suppression == nil }
        return false
    }
}

extension OptOutStore {
    /// Decides for each input whether it may receive `category` in `scope` (`optout check`).
    public func check(
        _ inputs: [NumberInput], scope: String, category: Category, requireOptIn: Bool, normalizer: PhoneNormalizer
    ) throws(OptOutError) -> [CheckResult] {
        let policy = try sendingPolicy(requireOptIn: requireOptIn)
        return try read {
            try inputs.map { input in
                let parsed = normalizer.normalize(input.text)
                guard case .success(let number) = parsed else {
                    return CheckResult(input: input, number: parsed, status: .active, suppression: nil)
                }
                let facts = try entry(scope: scope, matchKey: number.matchKey)?.facts ?? []
                return CheckResult(
                    input: input, number: parsed, status: facts.status,
                    suppression: policy.suppression(of: facts, for: category))
            }
        }
    }
}

// MARK: - show

/// A number's status in every scope and its whole event history (`optout show`).
public struct NumberHistory: Sendable {
    /// One scope's view of the number.
    public struct ScopeHistory: Sendable {
        public var scope: String
        /// The entry, nil when the scope has only events (a `review`) for the number.
        public var entry: Entry?
        public var events: [Event]

        public var status: Status { entry?.status ?? .active }
    }

    public var number: PhoneNumber
    public var scopes: [ScopeHistory]
}

extension OptOutStore {
    /// Everything recorded about `number` (under any of its forms), scope by scope.
    public func history(of number: PhoneNumber) throws(OptOutError) -> NumberHistory {
        try read {
            let key = number.matchKey
            let entries = try entries(matchKey: key)
            let events = try events(scope: nil, matchKey: key)
            let scopeNames = Set(entries.map(\.scope)).union(events.map(\.scope)).sorted()
            return NumberHistory(
                number: number,
                scopes: scopeNames.map { name in
                    .init(
                        scope: name, entry: entries.first { $0.scope == name },
                        events: events.filter { $0.scope == name })
                })
        }
    }
}
