/// What recording one inbound item did (`action_taken`).
public enum IngestAction: String, Sendable, CaseIterable {
    /// Consent changed to opted-out.
    case optedOut = "opted-out"
    /// Consent changed from opted-out to opted-in.
    case optedIn = "opted-in"
    /// A WhatsApp marketing stop was set, or lifted.
    case marketingStopped = "marketing-stopped"
    case marketingResumed = "marketing-resumed"
    /// A `review` event was logged for a human.
    case reviewLogged = "review-logged"
    /// A WhatsApp system message linked the sender's new number or user id to them.
    case linked
    /// Nothing changed (a repeated STOP, START from a number that had not opted out, HELP, chat).
    case none
    /// The item is older than the last change of its fact: logged, not applied.
    case stale
    /// The message id was recorded before in this scope: skipped, nothing logged.
    case duplicate
    /// A message kind that is read and ignored (reaction, media, unsupported, system).
    case ignored
    /// The sender has no phone number (e.g. a username-only WhatsApp user): nothing recorded.
    case noNumber = "no-number"
    /// The sender is not a valid phone number: nothing recorded.
    case invalidNumber = "invalid-number"
}
