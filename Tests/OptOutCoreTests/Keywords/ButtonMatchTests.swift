import Testing
@testable import OptOutCore

// MARK: - Buttons

@Suite("KeywordMatcher buttons")
struct ButtonMatchTests {
    static let matcher = KeywordMatcher()

    @Test("opt-out button titles", arguments: ["Unsubscribe", "Stop promotions", "Opt out", "Stop", "No more offers",
                                               "STOP PROMOTIONS", "Stop sending me offers", "Darme de baja", "Sair"])
    func optOutTitles(_ title: String) {
        #expect(Self.matcher.match(buttonTitle: title, payload: nil).verdict == .optOut)
    }

    @Test func reviewTitleBecomesOptOutAndSaysSo() {
        let result = Self.matcher.match(buttonTitle: "Not interested", payload: nil)
        #expect(result.verdict == .optOut && result.proposed == nil)
        #expect(result.keyword == "en-complaint")
        #expect(result.rule == "button title treated as opt-out: intent rule \"en-complaint\": \"not interested\": a possible request to stop, held for review")
    }

    @Test func ordinaryTitlesAreNone() {
        #expect(Self.matcher.match(buttonTitle: "Track my order", payload: "TRACK").verdict == .none)
        #expect(Self.matcher.match(buttonTitle: "Yes", payload: nil).verdict == .none)
    }

    @Test func conflictingTitleStaysReview() {
        #expect(Self.matcher.match(buttonTitle: "Stop / Start", payload: nil).verdict == .review)
    }

    @Test func optInAndHelpTitles() {
        #expect(Self.matcher.match(buttonTitle: "Resume", payload: nil).verdict == .optIn)
        #expect(Self.matcher.match(buttonTitle: "Help", payload: nil).verdict == .help)
    }

    @Test func payloadUsedWhenTitleSaysNothing() {
        let result = Self.matcher.match(buttonTitle: "No thanks", payload: "UNSUBSCRIBE")
        #expect(result.verdict == .optOut)
        #expect(result.keyword == "unsubscribe")
        #expect(result.rule == "button payload: whole-message opt-out keyword \"unsubscribe\"")
    }

    @Test func payloadWithUnderscoresMatchesLikeText() {
        #expect(Self.matcher.match(buttonTitle: nil, payload: "STOP_PROMOTIONS").keyword == "stop promotions")
        #expect(Self.matcher.match(buttonTitle: nil, payload: "opt_out").keyword == "opt out")
    }

    @Test func titleWinsOverPayloadText() {
        let result = Self.matcher.match(buttonTitle: "Start", payload: "STOP")
        #expect(result.verdict == .optIn)
    }

    @Test func payloadMapWins() {
        let matcher = KeywordMatcher(buttonPayloads: ["promo_off": .optOut, "STOP": .none, "talk": .help])
        let mapped = matcher.match(buttonTitle: "Start", payload: "promo_off")
        #expect(mapped.verdict == .optOut)
        #expect(mapped.keyword == "promo_off")
        #expect(mapped.rule == "button payload \"promo_off\" mapped to opt-out")
        #expect(matcher.match(buttonTitle: "Stop", payload: "STOP").verdict == .none)
        #expect(matcher.match(buttonTitle: nil, payload: "talk").verdict == .help)
    }

    @Test func payloadMapAlsoMatchesNormalisedPayload() {
        let matcher = KeywordMatcher(buttonPayloads: ["promo_off": .optOut])
        let result = matcher.match(buttonTitle: "Thanks", payload: "PROMO-OFF")
        #expect(result.verdict == .optOut)
        #expect(result.keyword == "promo_off")
    }

    @Test func unmappedPayloadFallsBackToText() {
        let matcher = KeywordMatcher(buttonPayloads: ["promo_off": .optOut])
        #expect(matcher.match(buttonTitle: "Stop", payload: "other").verdict == .optOut)
    }

    @Test func emptyButton() {
        let result = Self.matcher.match(buttonTitle: nil, payload: nil)
        #expect(result.verdict == .none)
        #expect(result.rule == "button without title or payload")
    }
}
