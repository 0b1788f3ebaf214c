/// Why `filter-campaign` dropped a row (contract §6); the word written in the `optout_reason` column.
public enum CampaignDropReason: String, Sendable, CaseIterable {
    case blocked
    case optedOut = "opted-out"
    case marketingStopped = "marketing-stopped"
    case reviewPending = "review-pending"
    case notOptedIn = "not-opted-in"
    case invalidNumber = "invalid-number"
    case duplicate

    /// The drop reason for a suppression decided by `SendingPolicy`.
    @inline(__always)
    public init(_ reason: SuppressionReason) {
        switch reason {
        case .blocked: self = .blocked
        case .optedOut: self = .optedOut
        case .marketingStopped: self = .marketingStopped
        case .reviewPending: self = .reviewPending
        case .notOptedIn: self = .notOptedIn
        }
    }

    /// Position in `allCases`, for counting in a fixed array.
    @inline(__always)
    var index: Int {
        switch self {
        case .blocked: 0
        case .optedOut: 1
        case .marketingStopped: 2
        case .reviewPending: 3
        case .notOptedIn: 4
        case .invalidNumber: 5
        case .duplicate: 6
        }
    }
}
