/// Where an event came from.
public enum Source: String, Sendable, CaseIterable {
    case keyword
    /// What a webhook body says about who a sender is (two identifiers for one sender, a change of
    /// number or of user id): the source of `link` events.
    case webhook
    case button
    case whatsappPreference = "whatsapp-preference"
    case manual
    case `import`
    /// Express consent given on a web form, on paper, or by voice, recorded with `optout opt-in`.
    case webForm = "web-form"
    case paper
    case verbal
    /// A reviewer's decision on a held message (`optout review accept`).
    case review

    /// The sources `optout opt-in --source` takes.
    public static let consentSources: [Source] = [.webForm, .paper, .verbal, .import]
}
