/// The consent fact: none (nil), opted in or opted out.
public enum Consent: String, Sendable, CaseIterable {
    case optedIn = "opted-in"
    case optedOut = "opted-out"
}
