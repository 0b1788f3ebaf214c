import OptOutTestSupport
import Testing
@testable import OptOutCore

/// The corpus texts, mutated (look-alike letters, quotes, punctuation, marks, emoji, repeats, cuts),
/// through the matcher: it always answers, the same way twice, and keeps the layer rules of
/// Docs/keywords.md whatever the input.
@Suite("Keyword matcher fuzz")
struct KeywordMatcherFuzzTests {
    static let insertions: [String] = [
        "\u{0405}", "\u{0422}", "\u{039F}", "\u{0440}", "\"", "'", "\u{201C}", "\u{00AB}", ".", ",", "?", "!", "\n", "--\n",
        "\u{0301}", "\u{200B}", "🛑", "  ", "no ", "don't ", "stop ", "please ", "Sent from my iPhone", "ё", "ß", "\u{0964}",
    ]

    @Test func mutatedCorpusTextsKeepTheLayerRules() throws {
        let matcher = KeywordMatcher()
        let texts = try KeywordCorpusTests.corpus().map(\.text)
        var random = SeededGenerator(seed: FuzzConfiguration.seed ^ 0x4B45_5957)
        for index in 0..<(FuzzConfiguration.cases * 4) {
            var scalars = Array(texts[random.below(texts.count)].unicodeScalars)
            for _ in 0...random.below(4) {
                let position = random.below(scalars.count + 1)
                switch random.below(4) {
                case 0: scalars.insert(contentsOf: Self.insertions[random.below(Self.insertions.count)].unicodeScalars, at: position)
                case 1 where !scalars.isEmpty: scalars.remove(at: min(position, scalars.count - 1))
                case 2 where !scalars.isEmpty:
                    let scalar = scalars[min(position, scalars.count - 1)]
                    scalars.insert(contentsOf: Array(repeating: scalar, count: 1 + random.below(6)), at: position)
                default: scalars += scalars.prefix(random.below(scalars.count + 1))
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let text = String(view)
            let result = matcher.match(text: text)
            #expect(matcher.match(text: text) == result, "case \(index): not deterministic: \(text.debugDescription)")
            if result.verdict == .optIn {
                #expect(result.layer == .exact, "case \(index): opt-in from \(String(describing: result.layer)): \(text.debugDescription)")
            }
            if result.verdict == .review {
                #expect(result.proposed == .optOut || result.proposed == .optIn, "case \(index): review without a proposal")
            } else {
                #expect(result.proposed == nil, "case \(index): a proposal on \(result.verdict.rawValue)")
            }
            if result.verdict != .none {
                #expect(result.layer != nil, "case \(index): \(result.verdict.rawValue) without a layer: \(result.rule)")
            }
        }
    }
}
