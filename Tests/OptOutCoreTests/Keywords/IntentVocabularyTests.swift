import Testing
@testable import OptOutCore

/// The intent patterns' vocabulary: words as patterns write them get the ids of their normalised
/// forms, and a message word is found by its bytes.
@Suite struct IntentVocabularyTests {
    private func id(_ vocabulary: IntentVocabulary, _ word: String) -> Int32 {
        Array(word.utf8).withUnsafeBytes { vocabulary.id($0) }
    }

    /// A word written with capitals, accents or an apostrophe is the word its normalised form is; a
    /// plain word is taken as written.
    @Test func writtenFormsShareTheirNormalisedWordsID() throws {
        var vocabulary = IntentVocabulary()
        let plainWritten = vocabulary.id(ofWritten: "promocion")
        let plain = try #require(plainWritten)
        let accented = vocabulary.id(ofWritten: "promoción")
        let capitals = vocabulary.id(ofWritten: "PROMOCIÓN")
        #expect(accented == plain)
        #expect(capitals == plain)
        let written = vocabulary.id(ofWritten: "don't")
        let dont = try #require(written)
        let plainDont = vocabulary.id(ofWritten: "dont")
        #expect(plainDont == dont)
        let stop = vocabulary.id(ofWritten: "stop")
        let shouted = vocabulary.id(ofWritten: "STOP")
        #expect(shouted == stop)
        #expect(dont != plain)
        #expect(vocabulary.count == 3)
        #expect(id(vocabulary, "promocion") == plain)
        #expect(id(vocabulary, "dont") == dont)
        #expect(id(vocabulary, "promoción") == -1, "message words are looked up normalised")
        #expect(id(vocabulary, "hello") == -1)
        #expect(vocabulary.word(dont) == Array("dont".utf8))
    }

    /// Nothing, or more than one word, is no pattern word.
    @Test func aWordMustNormaliseToOneWord() {
        var vocabulary = IntentVocabulary()
        let empty = vocabulary.id(ofWritten: "")
        let punctuation = vocabulary.id(ofWritten: "!!")
        let twoWords = vocabulary.id(ofWritten: "opt-out")
        #expect(empty == nil)
        #expect(punctuation == nil)
        #expect(twoWords == nil)
        #expect(vocabulary.count == 0)
    }

    /// A class's ids are each of its members' once, sorted, whichever member came first.
    @Test func aClassIsItsMembersIDsSorted() throws {
        var vocabulary = IntentVocabulary()
        let written = vocabulary.id(ofWritten: "unsubscribe")
        let first = try #require(written)
        let gathered = vocabulary.ids(ofClass: "kw")
        let ids = try #require(gathered)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains(first))
        let members = try #require(IntentRule.classes["kw"])
        #expect(ids.count == Set(members.map(MessageText.normalize)).count)
        let again = vocabulary.ids(ofClass: "kw")
        let unknown = vocabulary.ids(ofClass: "nothing")
        #expect(again == ids)
        #expect(unknown == nil)
    }

    @Test func sortedUniqueSortsAndDropsRepeats() {
        #expect(IntentVocabulary.sortedUnique([5, 1, 5, 3, 1]) == [1, 3, 5])
        #expect(IntentVocabulary.sortedUnique([1, 2, 9]) == [1, 2, 9])
        #expect(IntentVocabulary.sortedUnique([]) == [])
    }
}
