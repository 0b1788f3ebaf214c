/// What an inbound message (or button tap) asks for.
///
/// `review` means the message plausibly asks to stop messages but is not a bare keyword; a human
/// should look at it. `none` means the message is ordinary conversation.
public enum Verdict: String, Sendable, CaseIterable {
    case optOut = "opt-out"
    case optIn = "opt-in"
    case help
    case review
    case none
}

// MARK: - KeywordSet
