import Testing
@testable import OptOutCore

// MARK: - Normalisation

@Suite("MessageText.normalize")
struct MessageTextTests {
    @Test("examples", arguments: [
        ("STOP", "stop"),
        ("  Stop   please \n", "stop please"),
        ("\tSTOP.\tThank you!!", "stop thank you"),
        ("opt-out", "opt out"),
        ("opt_out", "opt out"),
        ("ＳＴＯＰ", "stop"),
        ("𝐒𝐓𝐎𝐏", "stop"),
        ("ARRÊT", "arret"),
        ("Désinscrire", "desinscrire"),
        ("NO MÁS", "no mas"),
        ("señor", "senor"),
        ("Ação", "acao"),
        ("Français", "francais"),
        ("Straße", "strasse"),
        ("Œuvre", "oeuvre"),
        ("STOP 🛑", "stop"),
        ("🙏 stop 🙏", "stop"),
        ("stop🛑now", "stop now"),
        ("👍🏽", ""),
        ("", ""),
        ("   \n\t", ""),
        ("don't", "dont"),
        ("don’t", "dont"),
        ("don´t", "dont"),
        ("s'il vous plaît", "sil vous plait"),
        ("m'envoyer", "menvoyer"),
        ("order #123, ok?", "order 123 ok"),
        ("1️⃣", "1"),
        ("ﬁn", "fin"),
        ("Ⓢⓣⓞⓟ", "stop"),
        ("стоп", "стоп"),
        ("stop\u{200B}now", "stop now"),
        ("st\u{200D}op", "stop"),
        ("İnfo", "info"),
    ])
    func example(_ input: String, _ expected: String) {
        #expect(MessageText.normalize(input) == expected)
    }

    @Test func asciiAndUnicodePathsAgree() {
        #expect(MessageText.normalize("Stop please é") == "stop please e")
        #expect(MessageText.normalize("Stop please") + " e" == MessageText.normalize("Stop please é"))
    }

    @Test func nonContiguousStringIsNormalised() {
        let text = String(Substring("xx STOP!! yy".dropFirst(3).dropLast(3)))
        #expect(MessageText.normalize(text) == "stop")
    }
}
