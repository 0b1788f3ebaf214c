/// The rules that decide who may receive what (contract §2).
public struct SendingPolicy: Sendable, Equatable {
    /// With `opt-out-applies-to=all`, an opt-out suppresses every category, not only marketing.
    public var optOutAppliesToAll: Bool
    /// Marketing also needs an explicit opt-in (`--require-opt-in`).
    public var requireOptIn: Bool
    /// A pending review holds marketing until someone decides (setting `review-holds-marketing`).
    public var reviewHoldsMarketing: Bool

    public init(optOutAppliesToAll: Bool = false, requireOptIn: Bool = false, reviewHoldsMarketing: Bool = true) {
        self.optOutAppliesToAll = optOutAppliesToAll
        self.requireOptIn = requireOptIn
        self.reviewHoldsMarketing = reviewHoldsMarketing
    }

    /// Why a number with these facts may not receive `category`, or nil when it may.
    @inline(__always)
    public func suppression(of facts: Facts, for category: Category) -> SuppressionReason? {
        if facts.contains(.blocked) { return .blocked }
        let marketing = category == .marketing
        if facts.contains(.optedOut) && (marketing || optOutAppliesToAll) { return .optedOut }
        guard marketing else { return nil }
        if facts.contains(.marketingStopped) { return .marketingStopped }
        if reviewHoldsMarketing && facts.contains(.reviewPending) { return .reviewPending }
        if requireOptIn && !facts.contains(.optedIn) { return .notOptedIn }
        return nil
    }
}
