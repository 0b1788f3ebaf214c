import Testing
@testable import OptOutCore

/// The word table behind the matcher's pre-checks, and the verdict it gives ordinary chat.
@Suite struct WordTableTests {
    @Test func flagsPerWord() {
        var table = WordTable(capacity: 3)
        for (word, flags): (String, WordTable.Flags) in [("stop", .segmentStart), ("stop", .keyword), ("no", .intentStart)] {
            Array(word.utf8).withUnsafeBytes { table.add($0, flags) }
        }
        func flags(_ word: String) -> WordTable.Flags { Array(word.utf8).withUnsafeBytes { table.flags($0) } }
        #expect(flags("stop") == [.segmentStart, .keyword])
        #expect(flags("no") == .intentStart)
        #expect(flags("sto") == [])
        #expect(flags("") == [])
    }

    /// A table filled word by word from byte slices, as the matcher fills it, holds the same flags.
    @Test func aTableFilledFromSlicesMergesFlags() {
        var table = WordTable(capacity: 4)
        let phrase = Array("stop all".utf8)
        phrase.withUnsafeBytes { bytes in
            table.add(UnsafeRawBufferPointer(rebasing: bytes[..<4]), .segmentStart)
            table.add(UnsafeRawBufferPointer(rebasing: bytes[..<4]), .keywordStart)
            table.add(bytes, .keyword)
            table.add(UnsafeRawBufferPointer(rebasing: bytes[..<0]), .footerStart)
        }
        func flags(_ word: String) -> WordTable.Flags { Array(word.utf8).withUnsafeBytes { table.flags($0) } }
        #expect(flags("stop") == [.segmentStart, .keywordStart])
        #expect(flags("stop all") == .keyword)
        #expect(flags("all") == [])
    }

    /// A table made for fewer words than it is given grows, and keeps every word.
    @Test func aTableGivenMoreWordsThanItsCapacityGrows() {
        var table = WordTable(capacity: 1)
        let words = (0..<500).map { Array("w\($0)".utf8) }
        for word in words { word.withUnsafeBytes { table.add($0, .segmentStart) } }
        #expect(words.allSatisfy { word in word.withUnsafeBytes { table.flags($0) } == .segmentStart })
        #expect(Array("w500".utf8).withUnsafeBytes { table.flags($0) } == [])
    }

    @Test func chatWithoutTriggerWordsIsNoneWithTheUsualRule() {
        let match = KeywordMatcher().match(text: "What time do you open tomorrow?")
        #expect(
            match
                == KeywordMatch(
                    verdict: .none, keyword: nil, normalizedText: "what time do you open tomorrow",
                    rule: "no keyword or request"))
        #expect(KeywordMatcher().match(text: "s t o p").verdict == .optOut)
    }
}
