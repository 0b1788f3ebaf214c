/// Words that may surround a keyword without changing its meaning ("Stop please", "Baja por favor",
/// "STOP. Thank you", "Hi, unsubscribe"). A message made only of keywords of one set and these
/// phrases, in any order and repeated, is a whole-message match.
///
/// They are written as people type them; the matcher normalises them like messages.
enum CourtesyPhrases {
    /// The built-in courtesy phrases (English, Spanish, Portuguese, French, German, Italian, Hindi),
    /// greetings and forms of address included.
    static let all: [String] = [
        // English
        "please", "pls", "plz", "plse", "pleas", "thanks", "thank you", "thankyou", "thanks a lot",
        "thank you very much", "many thanks", "thx", "thnx", "tnx", "ty", "now", "right now", "asap",
        "already", "immediately", "ok", "okay", "hi", "hello", "hey", "sorry", "kindly", "please kindly",
        "dear", "sir", "madam", "maam", "team", "hi there", "good morning", "good afternoon", "good evening",
        "thank u", "thanku", "and thank you", "and thanks", "cheers", "again", "just", "asap please", "right away", "for good",
        // Spanish
        "por favor", "porfavor", "porfa", "porfis", "xfa", "pf", "gracias", "muchas gracias",
        "mil gracias", "y gracias", "ya", "ahora", "ahora mismo", "ya mismo", "hola", "buenas", "buenos días",
        "buenas tardes", "buenas noches", "vale",
        // Portuguese
        "pfv", "pfvr", "obrigado", "obrigada", "muito obrigado", "muito obrigada", "e obrigado", "e obrigada", "obg", "obgd",
        "valeu", "agora", "já", "oi", "olá", "bom dia", "boa tarde", "boa noite",
        // French
        "s'il vous plaît", "s'il te plaît", "svp", "stp", "merci", "merci beaucoup", "maintenant",
        "tout de suite", "bonjour", "bonsoir", "salut", "madame", "monsieur", "merci davance", "et merci",
        // German
        "bitte", "danke", "danke schön", "vielen dank", "hallo", "guten tag", "sofort",
        // Italian
        "per favore", "per piacere", "grazie", "grazie mille", "ciao", "buongiorno", "buonasera", "subito",
        // Hindi and romanised Hindi
        "ji", "kijiye", "karo", "kar do", "kardo", "karein", "kripya", "dhanyavad", "dhanyawad", "shukriya", "namaste", "कृपया", "धन्यवाद", "नमस्ते",
    ]
}
