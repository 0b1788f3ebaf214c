import OptOutTestSupport
import Testing
@testable import OptOutCore

/// Replies follow the language of the keyword: a Spanish keyword gets the Spanish reply, with built-in
/// texts in English, Spanish, Portuguese and French, each a setting per scope.
@Suite struct ReplyLanguageTests {
    @Test(arguments: [
        ("BAJA", ReplyLanguage.spanish), ("Sair", .portuguese), ("arrêt", .french), ("STOP", .english),
        ("stop please", .english), ("darme de baja", .spanish),
    ])
    func anOptOutIsConfirmedInTheKeywordsLanguage(text: String, language: ReplyLanguage) throws {
        let sandbox = Sandbox()
        let result = try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", text, "--format", "json"])
        #expect(result.stdout.contains(#""reply":\#(JSONValue.quoted(ReplyTexts.defaults(language).optOut))"#), "\(text)")
    }

    @Test func helpAndOptInRepliesFollowTheLanguageToo() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "ayuda"]).stdout
            .hasSuffix("reply: \(ReplyTexts.defaults(.spanish).help)\n"))
        _ = try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "arret"])
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "réabonner"]).stdout
            .hasSuffix("reply: \(ReplyTexts.defaults(.french).optIn)\n"))
    }

    @Test func eachLanguagesReplyIsASettingPerScope() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["config", "set", "reply.opt-out.es", "Marca A: listo.", "--scope", "brandA"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550101", "--text", "baja", "--scope", "brandA"]).stdout
            .hasSuffix("reply: Marca A: listo.\n"))
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550102", "--text", "baja"]).stdout
            .hasSuffix("reply: \(ReplyTexts.defaults(.spanish).optOut)\n"))
        // A keyword a scope added has no known language: the English reply.
        #expect(try sandbox.exec(["config", "add", "keywords.opt-out", "chega"]).status == 0)
        #expect(try sandbox.exec(["ingest-message", "--from", "+12125550103", "--text", "chega"]).stdout
            .hasSuffix("reply: \(ReplyTexts.defaults.optOut)\n"))
        let list = try sandbox.exec(["config", "list"]).stdout
        #expect(list.contains("reply.opt-out.pt = \(ReplyTexts.defaults(.portuguese).optOut)  (default)\n"))
    }
}
