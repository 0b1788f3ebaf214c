/// A named list of phrases that, found anywhere in a message (as whole words, in order, adjacent),
/// mark it for human review: it plausibly asks to stop messages but is not a bare keyword.
///
/// Phrases are written in normalised form (lower case, no accents, apostrophes removed:
/// "don't" is written "dont", "m'envoyer" is written "menvoyer").
public struct ReviewRule: Sendable, Equatable {
    /// Short rule name shown as the match's keyword, e.g. `stop-sending`.
    public var name: String
    /// The phrases, each a sequence of normalised words separated by single spaces.
    public var phrases: [String]

    /// Creates a rule.
    public init(name: String, phrases: [String]) {
        self.name = name
        self.phrases = phrases
    }

    /// The built-in review rules.
    public static let defaults: [ReviewRule] = [
        // English
        ReviewRule(name: "stop-sending", phrases: [
            "stop texting", "stop sending", "stop messaging", "stop contacting", "stop the messages",
            "stop these messages", "stop your messages", "stop all messages", "stop the texts",
            "stop texts", "stop messages", "stop msgs", "stop receiving", "stop spamming", "stop spam",
            "quit texting", "quit sending", "quit messaging",
        ]),
        ReviewRule(name: "no-more-messages", phrases: [
            "no more messages", "no more texts", "no more msgs", "no more offers", "no more promotions",
            "no more promos", "no more marketing", "no more spam", "no more notifications", "no more ads",
        ]),
        ReviewRule(name: "do-not-contact", phrases: [
            "dont message me", "dont text me", "dont contact me", "dont send me", "dont write me",
            "do not message me", "do not text me", "do not contact me", "do not send me",
            "never message me", "never text me", "never contact me", "leave me alone",
            "dont want these messages", "dont want your messages", "do not want these messages",
            "dont want to receive", "do not want to receive", "dont want any more messages",
        ]),
        ReviewRule(name: "remove-me", phrases: [
            "remove me", "take me off", "delete me", "delete my number", "remove my number",
            "erase my number",
        ]),
        ReviewRule(name: "mentions-unsubscribe", phrases: [
            "unsubscribe", "unsubscribing", "unsub", "optout", "opt out", "opt me out",
            "desuscribir", "desuscribirme", "darme de baja", "dar de baja", "descadastrar",
            "descadastrar me", "desabonner", "desinscrire",
        ]),
        // Spanish
        ReviewRule(name: "es-no-me-envien", phrases: [
            "no me manden", "no me mande", "no me mandes", "no me envien", "no me envies", "no me envie",
            "no me escriban", "no me escribas", "no me contacten", "no me molesten",
            "dejen de enviar", "dejen de mandar", "dejen de escribir", "dejen de enviarme",
            "dejen de mandarme", "dejen de escribirme", "deja de enviar", "deja de mandar",
            "deja de escribir", "deja de enviarme", "deja de mandarme", "deja de escribirme",
            "paren de enviar", "paren de mandar",
        ]),
        ReviewRule(name: "es-no-quiero-recibir", phrases: [
            "no quiero recibir", "no quiero mas mensajes", "no mas mensajes", "no mas promociones",
            "no mas ofertas", "no deseo recibir",
        ]),
        ReviewRule(name: "es-sacame-de-la-lista", phrases: [
            "sacame de la lista", "sacarme de la lista", "quitenme de la lista", "borrar mi numero",
            "borren mi numero", "eliminar mi numero", "eliminen mi numero",
        ]),
        // Portuguese
        ReviewRule(name: "pt-nao-quero-receber", phrases: [
            "nao quero mais receber", "nao quero receber", "nao quero mais mensagens",
            "chega de mensagens", "nao desejo receber",
        ]),
        ReviewRule(name: "pt-pare-de-enviar", phrases: [
            "pare de me mandar", "pare de mandar", "pare de enviar", "pare de me enviar",
            "parem de mandar", "parem de enviar", "parem de me mandar", "parem de me enviar",
            "para de mandar", "para de enviar", "para de me mandar", "para de me enviar",
            "nao me mande", "nao me mandem", "nao me envie", "nao me enviem",
        ]),
        ReviewRule(name: "pt-me-tire-da-lista", phrases: [
            "me tire da lista", "me tirem da lista", "me remova", "me removam", "remover meu numero",
            "remova meu numero", "excluir meu numero", "apagar meu numero",
        ]),
        // French
        ReviewRule(name: "fr-arretez-denvoyer", phrases: [
            "arretez de menvoyer", "arretez denvoyer", "arrete de menvoyer", "arrete denvoyer",
            "arretez les messages", "arretez vos messages", "ne menvoyez plus", "ne mecrivez plus",
            "ne me contactez plus", "cessez de menvoyer", "cessez denvoyer",
        ]),
        ReviewRule(name: "fr-ne-veux-plus-recevoir", phrases: [
            "je ne veux plus recevoir", "je veux plus recevoir", "je ne veux plus de messages",
            "plus de messages", "plus de sms", "je ne souhaite plus recevoir",
        ]),
        ReviewRule(name: "fr-retirez-moi", phrases: [
            "retirez moi", "supprimez mon numero", "desabonnez moi", "desinscrivez moi",
            "me desabonner", "me desinscrire",
        ]),
    ]
}
