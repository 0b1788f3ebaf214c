import Testing
@testable import OptOutCore

@Suite("OrdinaryWords")
struct OrdinaryWordsTests {
    @Test("ordinary words are found, typos of keywords are not", arguments: [
        ("shop", true), ("step", true), ("quite", true), ("stoop", true), ("nachrichten", true), ("voltar", true),
        ("stpp", false), ("unsubscrbe", false), ("sotp", false), ("cancek", false), ("quiit", false),
    ])
    func lookUp(_ word: String, _ ordinary: Bool) {
        #expect(OrdinaryWords.contains(Array(word.utf8)) == ordinary)
    }

    @Test func everyLineOfTheTableHoldsTwelveHashesInOrder() {
        OrdinaryWordTable.hashes.withUTF8Buffer { text in
            let lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            #expect(lines.dropLast().allSatisfy { $0.count == 96 })
            #expect(lines.map(\.count).reduce(0, +) == OrdinaryWordTable.count * 8)
            let digits = lines.flatMap { $0 }
            var previous = ""
            for index in stride(from: 0, to: digits.count, by: 8) {
                let hash = String(decoding: digits[index..<index + 8], as: UTF8.self)
                #expect(hash > previous)
                previous = hash
            }
        }
    }
}
