/// One of the three configurable keyword lists.
public enum KeywordSet: String, Sendable, CaseIterable {
    case optOut = "opt-out"
    case optIn = "opt-in"
    case help

    /// The verdict a whole-message match against this set gives.
    public var verdict: Verdict {
        switch self {
        case .optOut: return .optOut
        case .optIn: return .optIn
        case .help: return .help
        }
    }
}
