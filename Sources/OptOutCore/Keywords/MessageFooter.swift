/// Signatures and mail-app footers under a message ("STOP\n--\nAnna", "Stop\n\nSent from my iPhone",
/// "Unsubscribe Get Outlook for Android"): the folded layer reads the message without them.
enum MessageFooter {
    /// Footer phrases in normalised form. From one of them to the end of the message is a footer
    /// when it starts after the first word and at most `maxWordsAfterPhrase` words follow it (a
    /// device or app name): "sent from my samsung galaxy s23" is cut, a sentence that goes on is not.
    static let phrases: [String] = [
        "sent from my", "sent from", "sent via", "sent with", "get outlook for", "get outlook",
        "enviado desde mi", "enviado desde", "enviado do meu", "enviado do", "enviado de meu",
        "envoye de mon", "envoye depuis", "envoye avec", "von meinem", "gesendet von", "gesendet mit",
        "inviato da", "inviato dal", "inviato con",
    ].map(MessageText.normalize)

    static let maxWordsAfterPhrase = 5

    /// `phrases`, each split into its words.
    private static let phraseWords: [[Substring]] = phrases.map { $0.split(separator: " ") }

    /// `text` up to its first sign-off line: a line after the first non-empty one made only of two or
    /// more dashes or underscores, or one em or en dash ("--", "—", "__"). Nil when there is none.
    static func removingSignOff(_ text: String) -> String? {
        var seenContent = false
        var lineStart = text.startIndex
        var index = text.startIndex
        while true {
            let atEnd = index == text.endIndex
            if atEnd || text[index] == "\n" || text[index] == "\r" {
                let line = text[lineStart..<index].filter { $0 != " " && $0 != "\t" }
                if seenContent, isSignOff(line) { return String(text[..<lineStart]) }
                if !line.isEmpty { seenContent = true }
                if atEnd { return nil }
                lineStart = text.index(after: index)
            }
            index = text.index(after: index)
        }
    }

    private static func isSignOff(_ line: String) -> Bool {
        if line == "—" || line == "–" { return true }
        return line.count >= 2 && line.allSatisfy { $0 == "-" || $0 == "_" || $0 == "—" || $0 == "–" }
    }

    /// The number of leading words of `words` (normalised words, in order) before a footer phrase,
    /// or nil when there is no footer.
    static func wordsBeforeFooter(_ words: [Substring]) -> Int? {
        guard words.count >= 2 else { return nil }
        for start in 1..<words.count {
            for phraseWords in Self.phraseWords where phraseWords[0] == words[start] {
                let end = start + phraseWords.count
                guard end <= words.count, words.count - end <= maxWordsAfterPhrase else { continue }
                if words[start..<end].elementsEqual(phraseWords) { return start }
            }
        }
        return nil
    }
}
