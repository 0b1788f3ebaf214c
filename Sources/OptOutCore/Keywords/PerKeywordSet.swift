// MARK: - KeywordSets

/// The configurable keyword sets; `defaults` are the built-in lists.
///
/// Keywords are written as people type them ("opt-out", "ARRÊT", "darme de baja"); the matcher
/// normalises them the same way it normalises messages, so case, accents and hyphens do not matter.
/// When one keyword is in two sets, opt-out wins over opt-in, and opt-in over help.
public typealias KeywordSets = PerKeywordSet<[String]>

/// One value for each keyword set: the keyword lists (`KeywordSets`) and the reply texts (`ReplyTexts`).
public struct PerKeywordSet<Value> {
    /// For the opt-out set: its keywords, or the reply sent once when a number opts out.
    public var optOut: Value
    /// For the opt-in set: its keywords, or the reply sent when an opted-out number opts back in.
    public var optIn: Value
    /// For the help set: its keywords, or the help text.
    public var help: Value

    /// Creates the three values.
    public init(optOut: Value, optIn: Value, help: Value) {
        self.optOut = optOut
        self.optIn = optIn
        self.help = help
    }

    /// The value for one set.
    public subscript(set: KeywordSet) -> Value {
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

extension PerKeywordSet: Sendable where Value: Sendable {}
extension PerKeywordSet: Equatable where Value: Equatable {}

extension PerKeywordSet where Value == [String] {
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
}

// MARK: - ReplyTexts

/// The three reply texts; an empty text means no reply.
public typealias ReplyTexts = PerKeywordSet<String>

extension PerKeywordSet where Value == String {
    /// The built-in English replies.
    public static let defaults = ReplyTexts(
        optOut: "You have been unsubscribed and will receive no more marketing messages. Reply START to resubscribe.",
        optIn: "You have been resubscribed and will receive our messages again. Reply STOP to unsubscribe.",
        help: "Reply STOP to unsubscribe from marketing messages or START to resubscribe. Reply HELP for this message."
    )
}
