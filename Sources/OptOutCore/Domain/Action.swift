/// What an event does to a number's facts (contract §2).
public enum Action: String, Sendable, CaseIterable {
    case optOut = "opt-out"
    case optIn = "opt-in"
    case block
    case unblock
    case marketingStop = "marketing-stop"
    case marketingResume = "marketing-resume"
    /// A message that may ask to stop, left for a human; changes nothing.
    case review
    /// Staff lift a customer's opt-out (`unblock --lift-opt-out`, with a reason): consent goes from
    /// opted-out back to none. Never implied by `unblock`, which lifts staff blocks only.
    case liftOptOut = "lift-opt-out"
    /// A reviewer accepts a pending review: it is closed, and its proposed verdict is recorded.
    case reviewAccept = "review-accept"
    /// A reviewer closes a pending review without a change (a reason is required).
    case reviewDismiss = "review-dismiss"
    /// A reviewer undoes an automatic opt-out of the fuzzy or intent layer (a reason is required):
    /// consent returns to what it was before it.
    case reviewUndo = "review-undo"
    /// Two identifiers are the same person (a webhook carrying both, a change of number or of user id):
    /// they become one subject, whose facts are the more restrictive of each.
    case link
    /// The subject asked to be forgotten (GDPR art. 17, LGPD): the message texts and reasons of its
    /// events were erased; its suppressions stay, and this event says when and why.
    case forget
}
