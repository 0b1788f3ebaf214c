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
    /// The built-in lists, by language: US FCC per-se words plus English, Spanish, Portuguese and
    /// French forms. The language of the keyword that decided a message chooses the reply's language.
    ///
    /// "yes", "sí", "sim" and "oui" are deliberately not opt-in keywords: they are ordinary answers
    /// to any question and would re-subscribe people by accident.
    public static let builtInByLanguage: [(ReplyLanguage, KeywordSets)] = [
        (
            .english,
            KeywordSets(
                optOut: [
                    // FCC per-se words first
                    "stop", "quit", "end", "revoke", "opt out", "cancel", "unsubscribe",
                    "optout", "opt-out", "stopall", "stop all", "remove", "unsub", "stop promotions",
                ],
                optIn: ["start", "unstop", "subscribe", "resubscribe", "opt in", "optin", "resume"],
                help: ["help", "info"])
        ),
        (
            .spanish,
            KeywordSets(
                optOut: [
                    "baja", "alto", "parar", "cancelar", "detener", "darme de baja", "dar de baja",
                    "no más", "basta", "salir", "desuscribir", "desuscribirme",
                ],
                optIn: ["alta", "darme de alta", "iniciar", "reanudar", "suscribir", "suscribirme"],
                help: ["ayuda", "información"])
        ),
        (
            .portuguese,
            KeywordSets(
                optOut: ["sair", "pare", "parem", "descadastrar", "descadastrar-me", "remover"],
                // Not "voltar": support bots use it as a menu word ("digite VOLTAR").
                optIn: ["reativar", "assinar"],
                help: ["ajuda", "informação"])
        ),
        (
            .french,
            KeywordSets(
                optOut: [
                    "arrêt", "arret", "arrêter", "arrête", "arrêtez", "stoppez", "désabonner", "désinscrire",
                    "désabonnez-moi", "désabonne-moi", "désinscrivez-moi", "désabonnement", "désinscription", "annuler",
                ],
                optIn: ["reprendre", "démarrer", "abonner", "réabonner"],
                help: ["aide"])
        ),
        // German and Italian: replies in English (optout has no built-in texts in those languages).
        (
            .english,
            KeywordSets(
                optOut: ["stopp", "abmelden", "abbestellen", "austragen", "disiscrivi", "disiscrivimi", "cancellami"],
                optIn: [], help: ["hilfe", "aiuto"])
        ),
    ]

    /// The built-in lists, every language in one list per set.
    public static let defaults = KeywordSets(
        optOut: builtInByLanguage.flatMap(\.1.optOut),
        optIn: builtInByLanguage.flatMap(\.1.optIn),
        help: builtInByLanguage.flatMap(\.1.help))
}

// MARK: - ReplyTexts

/// The three reply texts; an empty text means no reply.
public typealias ReplyTexts = PerKeywordSet<String>

extension PerKeywordSet where Value == String {
    /// The built-in English replies (the replies of a keyword whose language is not known).
    public static let defaults = defaults(.english)

    /// The built-in replies in `language`.
    public static func defaults(_ language: ReplyLanguage) -> ReplyTexts {
        switch language {
        case .english:
            ReplyTexts(
                optOut: "You have been unsubscribed and will receive no more marketing messages. Reply START to resubscribe.",
                optIn: "You have been resubscribed and will receive our messages again. Reply STOP to unsubscribe.",
                help: "Reply STOP to unsubscribe from marketing messages or START to resubscribe. Reply HELP for this message.")
        case .spanish:
            ReplyTexts(
                optOut: "Te has dado de baja y no recibirás más mensajes de marketing. Responde ALTA para volver a suscribirte.",
                optIn: "Te has vuelto a suscribir y recibirás nuestros mensajes de nuevo. Responde BAJA para darte de baja.",
                help: "Responde BAJA para dejar de recibir mensajes de marketing o ALTA para volver a suscribirte. Responde AYUDA para ver este mensaje.")
        case .portuguese:
            ReplyTexts(
                optOut: "Você foi descadastrado e não receberá mais mensagens de marketing. Responda REATIVAR para se cadastrar de novo.",
                optIn: "Você voltou a se cadastrar e receberá nossas mensagens novamente. Responda SAIR para se descadastrar.",
                help: "Responda SAIR para deixar de receber mensagens de marketing ou REATIVAR para se cadastrar de novo. Responda AJUDA para ver esta mensagem.")
        case .french:
            ReplyTexts(
                optOut: "Vous êtes désabonné et ne recevrez plus de messages marketing. Répondez REPRENDRE pour vous réabonner.",
                optIn: "Vous êtes réabonné et recevrez de nouveau nos messages. Répondez ARRET pour vous désabonner.",
                help: "Répondez ARRET pour ne plus recevoir de messages marketing ou REPRENDRE pour vous réabonner. Répondez AIDE pour voir ce message.")
        }
    }
}
