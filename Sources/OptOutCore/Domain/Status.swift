/// The status shown to people: the most restrictive fact, in this order.
public enum Status: String, Sendable, CaseIterable, Comparable {
    case blocked
    case optedOut = "opted-out"
    case marketingStopped = "marketing-stopped"
    /// A message that may ask to stop waits for a decision; marketing is held meanwhile.
    case reviewPending = "review-pending"
    case optedIn = "opted-in"
    /// No suppression and no consent on record.
    case active

    private var rank: Int { Status.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
}
