import Testing
@testable import OptOutCore

// MARK: - Table

@Suite("KeywordMatcher")
struct KeywordMatcherTests {
    static let matcher = KeywordMatcher()

    @Test("labelled inbound texts", arguments: inboundTextTable)
    func labelledText(_ row: LabelledText) {
        let result = Self.matcher.match(text: row.text)
        #expect(result.verdict == row.verdict, "\(row) got \(result.verdict.rawValue): \(result.rule)")
        #expect(result.keyword == row.keyword, "\(row) got keyword \(result.keyword ?? "nil"): \(result.rule)")
    }

    @Test func tableIsLargeAndCoversEveryVerdict() {
        #expect(inboundTextTable.count >= 150)
        for verdict in Verdict.allCases {
            #expect(inboundTextTable.contains { $0.verdict == verdict }, "no row for \(verdict)")
        }
    }

    // MARK: - Explanations

    @Test func ruleExplainsCourtesy() {
        let result = Self.matcher.match(text: "Stop please")
        #expect(result.rule == "whole-message opt-out keyword \"stop\" followed by courtesy \"please\"")
        #expect(result.normalizedText == "stop please")
    }

    @Test func ruleExplainsLeadingAndTrailingCourtesy() {
        let result = Self.matcher.match(text: "Hola, baja por favor, gracias")
        #expect(result.rule == "whole-message opt-out keyword \"baja\" preceded by courtesy \"hola\" and followed by courtesy \"por favor\", \"gracias\"")
    }

    @Test func ruleExplainsBareKeyword() {
        #expect(Self.matcher.match(text: "STOP").rule == "whole-message opt-out keyword \"stop\"")
    }

    @Test func ruleExplainsKeywordInsideSentence() {
        let result = Self.matcher.match(text: "please don't stop my delivery")
        #expect(result.verdict == .none)
        #expect(result.keyword == nil)
        #expect(result.normalizedText == "please dont stop my delivery")
        #expect(result.rule == "opt-out keyword \"stop\" inside a longer message; not a request")
    }

    @Test func ruleExplainsReview() {
        let result = Self.matcher.match(text: "stop calling me")
        #expect(result.verdict == .review && result.proposed == .optOut && result.layer == .intent)
        #expect(result.rule == "intent rule \"en-other-channel\": \"stop calling\": a possible request to stop, held for review")
    }

    @Test func ruleExplainsConflict() {
        let result = Self.matcher.match(text: "stop start")
        #expect(result.rule == "keywords of different sets: opt-out \"stop\", opt-in \"start\"")
    }

    @Test func ruleExplainsEmpty() {
        #expect(Self.matcher.match(text: " 🛑 ").rule == "empty message after normalisation")
        #expect(Self.matcher.match(text: "hello there").rule == "no keyword or request")
    }

    @Test func longMessageIsNeverWholeMessageMatch() {
        let text = Array(repeating: "stop", count: 17).joined(separator: " ")
        #expect(Self.matcher.match(text: text).verdict == .none)
        let sixteen = Array(repeating: "stop", count: 16).joined(separator: " ")
        #expect(Self.matcher.match(text: sixteen).verdict == .optOut)
    }

    @Test func manyCourtesiesThenUnknownWordStaysCheapAndNone() {
        let text = Array(repeating: "please thank you", count: 5).joined(separator: " ") + " x"
        #expect(Self.matcher.match(text: text).verdict == .none)
    }

    // MARK: - Custom sets

    @Test func addingKeywordChangesVerdict() {
        #expect(Self.matcher.match(text: "halt").verdict == .none)
        var sets = KeywordSets.defaults
        sets.optOut.append("HALT")
        let matcher = KeywordMatcher(sets: sets)
        let result = matcher.match(text: "halt please")
        #expect(result.verdict == .optOut)
        #expect(result.keyword == "HALT")
    }

    @Test func removingKeywordChangesVerdict() {
        var sets = KeywordSets.defaults
        sets[.optOut].removeAll { $0 == "end" }
        let matcher = KeywordMatcher(sets: sets)
        #expect(matcher.match(text: "END").verdict == .none)
        #expect(matcher.match(text: "STOP").verdict == .optOut)
    }

    @Test func addingYesAsOptIn() {
        var sets = KeywordSets.defaults
        sets[.optIn] += ["yes", "sí"]
        let matcher = KeywordMatcher(sets: sets)
        #expect(matcher.match(text: "YES!").verdict == .optIn)
        #expect(matcher.match(text: "Si").keyword == "sí")
    }

    @Test func multiWordCustomKeywordMatchesWithAndWithoutSpaces() {
        let sets = KeywordSets(optOut: ["no thanks"], optIn: ["go on"], help: ["what is this"])
        let matcher = KeywordMatcher(sets: sets)
        #expect(matcher.match(text: "No, thanks!").verdict == .optOut)
        #expect(matcher.match(text: "nothanks").verdict == .optOut)
        #expect(matcher.match(text: "Go-on").verdict == .optIn)
        #expect(matcher.match(text: "What is this?").verdict == .help)
        #expect(matcher.match(text: "STOP").verdict == .none)
    }

    @Test func joinedCustomKeywordMatchesSpacedMessage() {
        let matcher = KeywordMatcher(sets: KeywordSets(optOut: ["optout"], optIn: [], help: []))
        #expect(matcher.match(text: "opt out").keyword == "optout")
        #expect(matcher.match(text: "OPT-OUT please").keyword == "optout")
    }

    @Test func keywordInTwoSetsPrefersOptOut() {
        let matcher = KeywordMatcher(sets: KeywordSets(optOut: ["enough"], optIn: ["enough", "go"], help: ["go"]))
        #expect(matcher.match(text: "enough").verdict == .optOut)
        #expect(matcher.match(text: "go").verdict == .optIn)
    }

    /// A one-word message that is a keyword is answered from the keywords alone, without the phrase
    /// tables: its verdict, keyword, language and rule are what the whole-message parser gives the same
    /// keyword with a courtesy after it, for every built-in keyword and for sets that share words.
    @Test func oneWordKeywordsReadAsTheParserReadsThem() {
        let shared = KeywordMatcher(
            sets: KeywordSets(optOut: ["Enough!", "halt"], optIn: ["enough", "HALT", "go"], help: ["go", "thanks"]),
            brandWords: ["acme"])
        let cases = [(Self.matcher, KeywordSets.defaults)] + [(shared, shared.sets)]
        var compared = 0
        for (matcher, sets) in cases {
            for set in KeywordSet.allCases {
                for keyword in sets[set] where !MessageText.normalize(keyword).contains(" ") {
                    let alone = matcher.match(text: keyword.uppercased())
                    let parsed = matcher.match(text: keyword.uppercased() + " please")
                    #expect(alone.layer == .exact && parsed.layer == .exact, "\(keyword): \(alone.rule) / \(parsed.rule)")
                    #expect(alone.verdict == parsed.verdict && alone.keyword == parsed.keyword, "\(keyword)")
                    #expect(alone.language == parsed.language, "\(keyword)")
                    #expect(alone.rule + " followed by courtesy \"please\"" == parsed.rule, "\(keyword)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 70, "every one-word keyword was compared")
        #expect(shared.match(text: "enough").keyword == "Enough!", "the opt-out registered first")
        #expect(shared.match(text: "thanks").verdict == .help, "a keyword before a courtesy")
        #expect(shared.match(text: "acme").verdict == .none, "a brand word alone is no request")
        #expect(Self.matcher.match(text: "thanks").verdict == .none)
    }

    @Test func keywordThatIsOnlyEmojiIsIgnored() {
        let matcher = KeywordMatcher(sets: KeywordSets(optOut: ["🛑", "stop"], optIn: [], help: []))
        #expect(matcher.match(text: "🛑").verdict == .none)
    }

    @Test func keywordShadowsCourtesy() {
        let matcher = KeywordMatcher(sets: KeywordSets(optOut: ["now"], optIn: [], help: []))
        #expect(matcher.match(text: "now").verdict == .optOut)
    }

    @Test func setsSubscriptReadsAndWrites() {
        var sets = KeywordSets.defaults
        #expect(sets[.help] == sets.help)
        sets[.help] = ["ayuda"]
        #expect(sets.help == ["ayuda"])
        #expect(sets != KeywordSets.defaults)
    }

    // MARK: - Defaults

    @Test func defaultsCoverSpecWords() {
        let required: [(String, Verdict)] = [
            ("stop", .optOut), ("quit", .optOut), ("end", .optOut), ("revoke", .optOut),
            ("opt out", .optOut), ("cancel", .optOut), ("unsubscribe", .optOut), ("OPTOUT", .optOut),
            ("OPT-OUT", .optOut), ("STOPALL", .optOut), ("STOP ALL", .optOut), ("REMOVE", .optOut),
            ("ARRET", .optOut), ("BAJA", .optOut), ("ALTO", .optOut), ("PARAR", .optOut),
            ("CANCELAR", .optOut), ("SAIR", .optOut), ("START", .optIn), ("UNSTOP", .optIn),
            ("HELP", .help), ("INFO", .help),
        ]
        for (text, verdict) in required {
            #expect(Self.matcher.match(text: text).verdict == verdict, "\(text)")
        }
    }

    @Test func defaultSetsDoNotOverlap() {
        let matcher = Self.matcher
        for set in KeywordSet.allCases {
            for keyword in KeywordSets.defaults[set] {
                #expect(matcher.match(text: keyword).verdict == set.verdict, "\(keyword) in \(set)")
            }
        }
    }

    @Test func defaultReplies() {
        #expect(ReplyTexts.defaults.optOut == "You have been unsubscribed and will receive no more marketing messages. Reply START to resubscribe.")
        #expect(ReplyTexts.defaults[.optIn].contains("STOP"))
        #expect(ReplyTexts.defaults[.help].contains("HELP"))
    }

    @Test func verdictRawValues() {
        #expect(Verdict.allCases.map(\.rawValue) == ["opt-out", "opt-in", "help", "review", "none"])
        #expect(KeywordSet.allCases.map(\.rawValue) == ["opt-out", "opt-in", "help"])
    }
}
