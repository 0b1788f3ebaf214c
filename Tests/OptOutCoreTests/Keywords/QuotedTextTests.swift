import Testing
@testable import OptOutCore

@Suite("QuotedText")
struct QuotedTextTests {
    @Test("quotations of three words or more are removed", arguments: [
        ("Got this: 'Reply STOP to end messages' is it you?", "Got this: \n is it you?"),
        ("I got \u{201C}reply stop to opt out\u{201D} today", "I got \n today"),
        ("« Répondez STOP pour arrêter » c'est vous ?", "\n c'est vous ?"),
    ])
    func removed(_ text: String, _ expected: String) {
        #expect(QuotedText.removingQuotations(text) == expected)
    }

    @Test("short quotations, apostrophes and unclosed quotes stay", arguments: [
        "I sent 'STOP' twice", "don't text me", "the customers' data is wrong", "he said \"stop it", "no quotes here",
    ])
    func kept(_ text: String) {
        #expect(QuotedText.removingQuotations(text) == nil)
    }

    @Test func manyOpeningQuotesWithoutAClosingOneAreReadInLinearTime() {
        // 20,000 opening quotes and no closing one: each search for a closing quote used to scan to the
        // end of the message (quadratic; about 10 s here), so such a message stalled ingest-message.
        let text = String(repeating: " \"stop", count: 20_000)
        #expect(QuotedText.removingQuotations(text) == nil)
        #expect(KeywordMatcher().match(text: text).rule == "opt-out keyword \"stop\" inside a longer message; not a request")
    }
}
