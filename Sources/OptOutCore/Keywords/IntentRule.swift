/// A phrase pattern of the intent layer: a way people ask, in words, to stop (or restart) messages.
///
/// A pattern is normalised words separated by spaces (`MessageText.normalize` forms: lower case, no
/// accents, apostrophes removed). In a pattern, `a|b` is any one of the words, a trailing `?` makes a
/// word optional, `*` is up to two words of anything, and `@name` is a word class of `classes`. A
/// pattern matches adjacent words of one clause of the message (clauses end at `. , ; : ! ?` and line
/// breaks), anywhere in it; a pattern that starts with `= ` must be the whole clause ("= enough").
struct IntentRule: Sendable {
    /// What a match of the rule means.
    enum Meaning: Sendable, Equatable {
        /// A clear request to stop: an opt-out at once.
        case optOut
        /// A possible request to stop (another channel, a complaint, a wrong number, an unclear
        /// object): `review`, proposing an opt-out.
        case possibleOptOut
        /// A request to receive messages again: `review`, proposing an opt-in.
        case possibleOptIn
        /// A limit on a request (for now, only, except…): a clear request becomes `review`.
        case limit
    }

    /// The rule's name, shown in `--explain` and stored with the event, e.g. `en-stop-messages`.
    var name: String
    /// The language code of the phrases: en, es, pt, fr, de, it, hi (Devanagari), hinglish.
    var language: String
    var meaning: Meaning
    var patterns: [String]

    init(_ name: String, _ language: String, _ meaning: Meaning, _ patterns: [String]) {
        self.name = name
        self.language = language
        self.meaning = meaning
        self.patterns = patterns
    }

    /// The language replies to a request of this rule are written in (English when optout has no
    /// replies in the rule's language).
    var replyLanguage: ReplyLanguage { ReplyLanguage(rawValue: language) ?? .english }

    // MARK: - Word classes

    /// The word classes patterns use, written as people type them.
    static let classes: [String: [String]] = [
        // Messages and what they carry, in every language.
        "msg": [
            "messages", "message", "msgs", "msg", "texts", "text", "txts", "sms", "smss", "whatsapps", "whatsapp",
            "ads", "advertising", "adverts", "advertisements", "promotions", "promotion", "promos", "promo",
            "offers", "deals", "discounts", "reminders", "notifications", "alerts", "marketing", "spam",
            "newsletters", "newsletter", "updates",
            "mensajes", "mensaje", "promociones", "promoción", "ofertas", "publicidad", "anuncios",
            "notificaciones", "recordatorios", "avisos", "descuentos",
            "mensagens", "mensagem", "promoções", "promoção", "propaganda", "propagandas", "anúncios",
            "notificações", "lembretes",
            "offres", "publicités", "pubs", "pub", "rappels",
            "nachrichten", "nachricht", "werbung", "angebote", "benachrichtigungen", "erinnerungen",
            "werbenachrichten",
            "messaggi", "messaggio", "promozioni", "offerte", "pubblicità", "notifiche", "promemoria",
            "मैसेज", "संदेश", "एसएमएस",
        ],
        // Keywords people say they already sent.
        "kw": [
            "stop", "stopp", "unsubscribe", "unsub", "quit", "end", "cancel", "optout", "remove", "stopall",
            "baja", "alto", "basta", "parar", "sair", "pare", "arret", "arrêt", "arrêter", "désabonner",
        ],
        // Verbs of sending, in English.
        "sending": [
            "sending", "texting", "messaging", "spamming", "contacting", "whatsapping", "bothering",
            "harassing", "pestering", "msging", "txting",
        ],
    ]

    /// Words that negate a request when they come up to three words before it in its clause ("don't
    /// unsubscribe me", "je ne veux pas me désabonner").
    static let negations: [String] = [
        "not", "dont", "never", "didnt", "doesnt", "wont", "wouldnt", "shouldnt", "nunca", "jamás", "não",
        "jamais", "ne", "pas", "nicht", "nie", "niemals", "mai", "non", "mat", "mt", "nahi", "nahin", "मत", "नहीं",
    ]

    /// Bare "no" words: a negation only right before the request ("por favor no dejen de enviar"); at
    /// the start of a clause ("No dejen de enviarme ofertas") they could also be an answer, so the
    /// message goes to review.
    static let bareNegations: [String] = ["no", "na"]

    // MARK: - Rules

    /// The built-in rules.
    static let all: [IntentRule] = english + spanish + portuguese + french + german + italian + hindi

    static let english: [IntentRule] = [
        IntentRule("en-stop-messages", "en", .optOut, [
            "stop|quit|cease|end|stopp * @msg", "stop|quit|cease @sending", "no more @msg",
            "dont|never send|text|message|contact|whatsapp|msg|txt me", "do not send|text|message|contact|whatsapp|msg me",
            "dont|never send * @msg", "do not send * @msg", "dont want * @msg", "do not want * @msg",
            "dont want to receive|get * @msg", "do not want to receive|get * @msg", "stop receiving|getting * @msg",
            "= stop receiving|getting",
        ]),
        IntentRule("en-remove-me", "en", .optOut, [
            "remove|delete|erase|drop|take me", "remove|delete|erase|forget|drop my number|contact|details|data|info",
            "forget me", "take me off|out", "unsubscribe|unsub|optout|unsuscribe me", "opt me out",
            "want|wanna|like|need to? unsubscribe|unsub|optout", "want|wanna|like|need to? opt out",
            "how do|can i unsubscribe|unsub|optout", "how do|can i opt out", "how to unsubscribe|optout",
            "leave me alone", "do not disturb", "= dnd",
        ]),
        IntentRule("en-revoke-consent", "en", .optOut, [
            "withdraw|revoke|retract|rescind|cancel * consent|permission", "take back * consent|permission",
        ]),
        IntentRule("en-already-sent-keyword", "en", .optOut, [
            "already * said|sent|replied|texted|typed|wrote|answered|told @kw",
            "i said|replied|texted|sent|typed|wrote @kw", "told you @kw", "how many times * @kw",
            "have to say|tell|type|send|write|repeat @kw",
        ]),
        IntentRule("en-other-channel", "en", .possibleOptOut, [
            "stop|quit calling|emailing|mailing|ringing|phoning", "dont|never call|email|ring|phone me",
            "do not call|email|ring|phone me", "no more calls|emails|mails",
        ]),
        IntentRule("en-complaint", "en", .possibleOptOut, [
            "this is spam", "why do|are you keep? texting|messaging|sending|contacting|spamming",
            "why * keep texting|messaging|sending|contacting", "too many @msg", "who gave you my number",
            "how did you get my number", "not interested", "= annoying", "= so annoying", "= stop it", "= stop this", "= enough", "= spam",
        ]),
        IntentRule("en-wrong-number", "en", .possibleOptOut, [
            "wrong number", "not my number", "wrong person", "you have the wrong",
        ]),
        IntentRule("en-pause", "en", .possibleOptOut, ["pause * @msg", "= pause", "less|fewer @msg"]),
        IntentRule("en-mentions-unsubscribe", "en", .possibleOptOut, [
            "unsubscribe|unsubscribing|unsub|optout|unsuscribe", "opt out", "cancel my subscription|membership",
        ]),
        IntentRule("en-limit", "en", .limit, [
            "for now", "for a while|week|month|day|few", "until", "pause", "temporarily", "only", "except",
            "but keep", "less", "fewer",
        ]),
        IntentRule("en-restart", "en", .possibleOptIn, [
            "put|add me back", "= add me", "back on * list", "i want in", "sign me back up", "= sign me up",
            "sign me up again", "resubscribe|subscribe me", "start sending * @msg", "= start sending", "send me * @msg again",
            "want to receive|get * @msg again", "opt me back? in", "opt back in", "keep sending * @msg",
        ]),
    ]

    static let spanish: [IntentRule] = [
        IntentRule("es-stop-messages", "es", .optOut, [
            "no me manden|mande|mandes|envien|envies|envie|escriban|escribas|contacten|contactes|molesten|molestes",
            "dejen|deja|dejar|paren|pare|para|dejad de enviar|mandar|escribir|enviarme|mandarme|escribirme|molestar|molestarme|contactarme",
            "no quiero|deseo * @msg", "no quiero|deseo recibir * @msg", "no quiero|deseo recibir mas", "no mas @msg",
        ]),
        IntentRule("es-remove-me", "es", .optOut, [
            "sacame|saquenme|sacarme|quitenme|quitame|quitarme|borrenme|borrame|eliminenme|eliminame|bajenme|desuscribanme|desuscribeme",
            "borrar|borren|eliminar|eliminen|borra|elimina|quiten|quitar mi numero|contacto|datos",
            "darme|dame|denme de baja", "me doy de baja", "quiero la baja", "dejenme|dejame en paz",
        ]),
        IntentRule("es-revoke-consent", "es", .optOut, ["revoco|retiro * consentimiento|autorizacion|permiso"]),
        IntentRule("es-already-sent-keyword", "es", .optOut, ["ya dije|envie|mande|puse|escribi|respondi @kw"]),
        IntentRule("es-possible", "es", .possibleOptOut, [
            "no me llamen|llames", "dejen de llamar|llamarme", "numero equivocado", "esto es spam",
            "por que me escriben|mandan", "demasiados @msg", "no me interesa", "desuscribir|desuscribirme",
            "cancelar mi suscripcion",
        ]),
        IntentRule("es-limit", "es", .limit, [
            "por ahora", "por un tiempo", "por una semana", "por un mes", "hasta", "solo", "solamente", "menos",
            "excepto", "temporalmente",
        ]),
        IntentRule("es-restart", "es", .possibleOptIn, [
            "volver a recibir", "vuelvan a enviarme|mandarme|agregarme", "agreguenme|agregame|anadanme",
            "suscribanme|suscribeme", "quiero recibir * de nuevo", "quiero recibir * otra vez", "sigan enviando|mandando",
        ]),
    ]

    static let portuguese: [IntentRule] = [
        IntentRule("pt-stop-messages", "pt", .optOut, [
            "nao quero|desejo * @msg", "nao quero|desejo mais? receber * @msg", "nao quero|desejo mais receber", "pare|parem|para|parar de me? mandar|enviar|incomodar|escrever|mandarem|enviarem",
            "nao me mande|mandem|envie|enviem|escrevam|incomodem|contatem|perturbe|perturbem", "chega de @msg",
        ]),
        IntentRule("pt-remove-me", "pt", .optOut, [
            "me tire|tirem|retire|retirem|remova|removam|exclua|excluam|descadastre|descadastrem",
            "tire|tirem|remova|removam|exclua|excluam|apague|apaguem|remover|excluir|apagar meu numero|contato",
            "quero sair * lista", "quero me descadastrar", "me deixe|deixem|deixa em paz",
        ]),
        IntentRule("pt-revoke-consent", "pt", .optOut, ["revogo|retiro * consentimento|autorizacao"]),
        IntentRule("pt-already-sent-keyword", "pt", .optOut, ["ja * disse|mandei|enviei|respondi|escrevi @kw"]),
        IntentRule("pt-possible", "pt", .possibleOptOut, [
            "numero errado", "nao me liguem|ligue", "isso e spam", "muitas @msg", "nao tenho interesse",
            "por que estao me mandando", "= quero sair",
        ]),
        IntentRule("pt-limit", "pt", .limit, [
            "por enquanto", "por um tempo", "por uma semana", "até", "somente", "apenas", "exceto",
        ]),
        IntentRule("pt-restart", "pt", .possibleOptIn, [
            "voltar a receber", "me adicione|adicionem * novo", "me inscreva|inscrevam|cadastre|cadastrem de novo|novamente",
            "quero receber * novamente", "quero receber * de novo", "podem voltar a enviar|mandar",
            "continuem enviando|mandando",
        ]),
    ]

    static let french: [IntentRule] = [
        IntentRule("fr-stop-messages", "fr", .optOut, [
            "arretez|arrete|arreter|cessez|stoppez de|d? me? envoyer|menvoyer|denvoyer|ecrire|mecrire|decrire|contacter|harceler|spammer",
            "arretez|arrete|stoppez * @msg", "ne menvoyez|mecrivez plus", "ne me contactez|ecrivez|envoyez plus",
            "je ne veux|souhaite plus * recevoir|@msg", "je veux plus * recevoir|@msg", "plus de @msg",
        ]),
        IntentRule("fr-remove-me", "fr", .optOut, [
            "retirez|supprimez|enlevez|effacez moi|mon", "desabonnez|desinscrivez moi", "me desabonner|desinscrire",
            "laissez moi tranquille", "laissez moi en paix",
        ]),
        IntentRule("fr-revoke-consent", "fr", .optOut, ["je retire|revoque * consentement"]),
        IntentRule("fr-already-sent-keyword", "fr", .optOut, ["jai deja * envoye|dit|repondu|ecrit @kw"]),
        IntentRule("fr-possible", "fr", .possibleOptOut, [
            "mauvais|faux numero", "ne mappelez plus", "cest du spam", "trop de @msg", "pas interesse",
        ]),
        IntentRule("fr-limit", "fr", .limit, [
            "pour le moment", "pour linstant", "pendant", "jusqua", "seulement", "uniquement", "sauf",
        ]),
        IntentRule("fr-restart", "fr", .possibleOptIn, [
            "reabonnez|rajoutez|remettez|reinscrivez moi", "recevoir * a|de nouveau",
        ]),
    ]

    static let german: [IntentRule] = [
        IntentRule("de-stop-messages", "de", .optOut, [
            "keine * @msg", "abmelden|abbestellen|austragen", "horen|hort sie? auf",
            "nicht mehr kontaktieren|schreiben|anschreiben|senden|schicken",
            "schreiben|schicken|senden sie mir nicht|keine mehr",
        ]),
        IntentRule("de-remove-me", "de", .optOut, [
            "loschen|entfernen sie? meine nummer|daten", "meine nummer|daten loschen|entfernen",
            "lasst|lassen sie? mich in ruhe",
        ]),
        IntentRule("de-revoke-consent", "de", .optOut, ["widerrufe|widerrufen * einwilligung|zustimmung"]),
        IntentRule("de-already-sent-keyword", "de", .optOut, ["schon|bereits * @kw"]),
        IntentRule("de-possible", "de", .possibleOptOut, [
            "falsche nummer", "nicht interessiert", "kein interesse", "rufen sie mich nicht an", "zu viele @msg",
        ]),
        IntentRule("de-limit", "de", .limit, ["vorerst", "vorubergehend", "fur eine woche|weile", "nur", "ausser"]),
        IntentRule("de-restart", "de", .possibleOptIn, [
            "wieder anmelden", "mochte wieder * erhalten|bekommen", "bitte wieder senden|schicken", "meldet mich wieder an",
        ]),
    ]

    static let italian: [IntentRule] = [
        IntentRule("it-stop-messages", "it", .optOut, [
            "non voglio|desidero piu? * @msg", "non voglio|desidero piu? ricevere * @msg", "non voglio piu ricevere", "non mandatemi|inviatemi|scrivetemi|contattatemi|mandate|inviate|scrivete",
            "smettete|smetti|smettila di * scrivermi|mandare|inviare|scrivere|contattarmi|mandarmi|inviarmi",
            "basta * @msg",
        ]),
        IntentRule("it-remove-me", "it", .optOut, [
            "cancellatemi|toglietemi|rimuovetemi|eliminatemi|disiscrivetemi|cancellami|toglimi|rimuovimi|disiscrivimi",
            "cancellate|eliminate|togliete|rimuovete * mio numero", "voglio disiscrivermi|cancellarmi",
            "lasciatemi|lasciami in pace",
        ]),
        IntentRule("it-revoke-consent", "it", .optOut, ["revoco|ritiro * consenso"]),
        IntentRule("it-already-sent-keyword", "it", .optOut, ["ho gia * scritto|mandato|inviato|detto|risposto @kw"]),
        IntentRule("it-possible", "it", .possibleOptOut, [
            "numero sbagliato", "non mi interessa", "troppi @msg", "non chiamatemi",
        ]),
        IntentRule("it-limit", "it", .limit, ["per ora", "per un po", "per una settimana", "tranne", "fino"]),
        IntentRule("it-restart", "it", .possibleOptIn, [
            "voglio ricevere * di nuovo", "riaggiungetemi", "iscrivetemi di nuovo", "rimettetemi * lista",
        ]),
    ]

    static let hindi: [IntentRule] = [
        IntentRule("hi-stop-messages", "hi", .optOut, [
            "@msg मत भेजो|भेजिए|भेजें|भेजना", "मुझे * मत भेजो|भेजिए|भेजें|भेजना", "@msg बंद करो|करें|कीजिए|कर",
            "मेरा नंबर हटाओ|हटा|हटाइए|डिलीट", "अनसब्सक्राइब", "परेशान मत करो|करें|कीजिए",
        ]),
        IntentRule("hi-possible", "hi", .possibleOptOut, ["गलत नंबर", "= बंद करो|करें"]),
        IntentRule("hi-restart", "hi", .possibleOptIn, ["फिर से @msg भेजो|भेजिए", "@msg फिर से भेजो|भेजिए", "फिर से जोड़ो"]),
        IntentRule("hinglish-stop-messages", "hinglish", .optOut, [
            "@msg mat|mt bhejo|bhejna|bhejiye|bhejein|karo", "mujhe * mat|mt bhejo|bhejna|bhejiye|bhejein",
            "@msg band karo|kardo|kar|karein|kijiye", "mera number hata|hatao|hatado|delete|remove",
            "unsubscribe|unsub kar|karo|kardo|kijiye", "pareshan|tang mat|mt karo|kijiye",
        ]),
        IntentRule("hinglish-already-sent-keyword", "hinglish", .optOut, [
            "already|pehle * @kw bheja|bheji|bhej|likha|bola|kaha",
        ]),
        IntentRule("hinglish-possible", "hinglish", .possibleOptOut, ["= band karo|kardo", "galat number"]),
        IntentRule("hinglish-restart", "hinglish", .possibleOptIn, [
            "phir se|wapas bhejo|bhejna @msg", "phir se|wapas @msg bhejo|bhejna", "@msg phir se|wapas bhejo|bhejna",
            "wapas add karo",
        ]),
    ]
}
