/// Whether one number or user id may receive a category.
public struct CheckResult: Sendable {
    public var input: NumberInput
    /// The identifier, or why the input is not one.
    public var identifier: Result<Identifier, PhoneRejection>
    /// The status in the checked scope.
    public var status: Status
    /// Why it may not receive the category; nil when it may.
    public var suppression: SuppressionReason?

    /// True when the number is valid and may receive the category.
    public var allowed: Bool {
        if case .success = identifier { return suppression == nil }
        return false
    }
}

extension OptOutStore {
    /// Decides for each input whether it may receive `category` in `scope` (`optout check`).
    public func check(
        _ inputs: [NumberInput], scope: String, category: Category, requireOptIn: Bool, normalizer: PhoneNormalizer
    ) throws(OptOutError) -> [CheckResult] {
        try read { transaction in
            let policy = try transaction.sendingPolicy(scope: scope, requireOptIn: requireOptIn)
            return try inputs.map { input throws(OptOutError) in
                let parsed = normalizer.identifier(input.text)
                guard case .success(let identifier) = parsed else {
                    return CheckResult(input: input, identifier: parsed, status: .active, suppression: nil)
                }
                let facts = try transaction.entry(scope: scope, matchKey: identifier.matchKey)?.facts ?? []
                return CheckResult(
                    input: input, identifier: parsed, status: facts.status,
                    suppression: policy.suppression(of: facts, for: category))
            }
        }
    }
}
