/// Why a number may not receive a category.
public enum SuppressionReason: String, Sendable, CaseIterable {
    case blocked
    case optedOut = "opted-out"
    case marketingStopped = "marketing-stopped"
    case reviewPending = "review-pending"
    case notOptedIn = "not-opted-in"
}
