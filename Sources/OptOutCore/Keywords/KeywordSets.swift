// MARK: - KeywordSets

/// The configurable keyword sets; `defaults` are the built-in lists.
///
/// Keywords are written as people type them ("opt-out", "ARRÊT", "darme de baja"); the matcher
/// normalises them the same way it normalises messages, so case, accents and hyphens do not matter.
/// When one keyword is in two sets, opt-out wins over opt-in, and opt-in over help.
public struct KeywordSets: Sendable, Equatable {
    /// Keywords whose whole-message match opts the sender out.
    public var optOut: [String]
    /// Keywords whose whole-message match opts a previously opted-out sender back in.
    public var optIn: [String]
    /// Keywords whose whole-message match returns the help text.
    public var help: [String]

    /// Creates keyword sets from three lists.
    public init(optOut: [String], optIn: [String], help: [String]) {
        self.optOut = optOut
        self.optIn = optIn
        self.help = help
    }

    /// The built-in lists: US FCC per-se words plus English, Spanish, Portuguese and French forms.
    ///
    /// "yes", "sí", "sim" and "oui" are deliberately not opt-in keywords: they are ordinary answers
    /// to any question and would re-subscribe people by accident.
    public static let defaults = KeywordSets(
        optOut: [
            // English (FCC per-se words first)
            "stop", "quit", "end", "revoke", "opt out", "cancel", "unsubscribe",
            "optout", "opt-out", "stopall", "stop all", "remove", "unsub", "stop promotions",
            // Spanish
            "baja", "alto", "parar", "cancelar", "detener", "darme de baja", "dar de baja",
            "no más", "basta", "salir", "desuscribir", "desuscribirme",
            // Portuguese
            "sair", "pare", "descadastrar", "descadastrar-me", "remover",
            // French
            "arrêt", "arret", "arrêter", "désabonner", "désinscrire", "désabonnement",
            "désinscription", "annuler",
        ],
        optIn: [
            // English
            "start", "unstop", "subscribe", "resubscribe", "opt in", "optin", "resume",
            // Spanish
            "alta", "darme de alta", "iniciar", "reanudar", "suscribir", "suscribirme",
            // Portuguese
            "voltar", "reativar", "assinar",
            // French
            "reprendre", "démarrer", "abonner", "réabonner",
        ],
        help: [
            "help", "info", "ayuda", "ajuda", "aide", "información", "informação",
        ]
    )

    /// The list for one set.
    public subscript(set: KeywordSet) -> [String] {
        get {
            switch set {
            case .optOut: return optOut
            case .optIn: return optIn
            case .help: return help
            }
        }
        set(newValue) {
            switch set {
            case .optOut: optOut = newValue
            case .optIn: optIn = newValue
            case .help: help = newValue
            }
        }
    }
}

// MARK: - ReplyTexts

/// The three reply texts.
public struct ReplyTexts: Sendable, Equatable {
    /// Sent once when a number opts out.
    public var optOut: String
    /// Sent when an opted-out number opts back in.
    public var optIn: String
    /// Sent for a help keyword.
    public var help: String

    /// Creates reply texts.
    public init(optOut: String, optIn: String, help: String) {
        self.optOut = optOut
        self.optIn = optIn
        self.help = help
    }

    /// The built-in English replies.
    public static let defaults = ReplyTexts(
        optOut: "You have been unsubscribed and will receive no more marketing messages. Reply START to resubscribe.",
        optIn: "You have been resubscribed and will receive our messages again. Reply STOP to unsubscribe.",
        help: "Reply STOP to unsubscribe from marketing messages or START to resubscribe. Reply HELP for this message."
    )

    /// The reply for one set.
    public subscript(set: KeywordSet) -> String {
        get {
            switch set {
            case .optOut: return optOut
            case .optIn: return optIn
            case .help: return help
            }
        }
        set(newValue) {
            switch set {
            case .optOut: optOut = newValue
            case .optIn: optIn = newValue
            case .help: help = newValue
            }
        }
    }
}
