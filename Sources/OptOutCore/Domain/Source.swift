/// Where an event came from.
public enum Source: String, Sendable, CaseIterable {
    case keyword
    case button
    case whatsappPreference = "whatsapp-preference"
    case manual
    case `import`
}
