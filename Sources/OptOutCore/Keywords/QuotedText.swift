/// Quotations inside a message ("Got this: 'Reply STOP to end' is it you?"): the intent layer reads
/// the customer's own words, not a text they quote.
///
/// A quotation is a span between double quotes (`"…"`, `“…”`, `„…“`, `«…»`) or single quotes
/// (`'…'`, `‘…’`) that opens after a space, a colon or the start of the text and holds at least
/// `minWords` words. Shorter quoted spans stay: people quote the keyword they sent ("I sent 'STOP'").
enum QuotedText {
    static let minWords = 3

    /// `text` with its quotations replaced by a line break (which ends a clause), nil when it has none.
    static func removingQuotations(_ text: String) -> String? {
        // Most messages hold no quotation at all: no `"`, no lead byte of « “ ” „ ‘ ’, and no `'` where a
        // quotation could open (an apostrophe inside a word, "don't", cannot).
        guard Self.mayHoldQuotation(text) else { return nil }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        var removed = false
        // Where a search for each kind of closing quote found none: a later opening quote of that kind
        // has none either, so every scalar is scanned a bounded number of times (no quadratic time
        // on a message of many opening quotes).
        var noCloserFrom: [UInt32: Int] = [:]
        while index < scalars.count {
            let scalar = scalars[index]
            if let closers = closingQuotes(for: scalar), opensQuotation(scalars, at: index),
               index + 1 < noCloserFrom[closers[0].value, default: Int.max],
               let close = closingIndex(scalars, from: index + 1, closers: closers, noCloserFrom: &noCloserFrom),
               wordCount(scalars[(index + 1)..<close]) >= minWords {
                output.append("\n")
                index = close + 1
                removed = true
                continue
            }
            output.append(scalar)
            index += 1
        }
        return removed ? String(output) : nil
    }

    private static func mayHoldQuotation(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            switch byte {
            case 0x22, 0xC2, 0xE2: return true
            case 0x27 where previous == 0x20 || previous == UInt8(ascii: ":") || previous == 0x0A || previous == 0x09
                || previous == UInt8(ascii: "("):
                return true
            default: break
            }
            previous = byte
        }
        return false
    }

    private static func closingQuotes(for scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        switch scalar {
        case "\"": ["\""]
        case "\u{201C}": ["\u{201D}", "\u{201C}"]
        case "\u{201E}": ["\u{201C}", "\u{201D}"]
        case "\u{00AB}": ["\u{00BB}"]
        case "'": ["'"]
        case "\u{2018}": ["\u{2019}"]
        default: nil
        }
    }

    private static func opensQuotation(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index > 0 else { return true }
        let before = scalars[index - 1]
        return before == " " || before == ":" || before == "\n" || before == "\t" || before == "("
    }

    /// The closing quote: one followed by the end, a space or punctuation (not a letter, so the
    /// apostrophe of "don't" inside a quotation does not close it).
    private static func closingIndex(
        _ scalars: [Unicode.Scalar], from start: Int, closers: [Unicode.Scalar], noCloserFrom: inout [UInt32: Int]
    ) -> Int? {
        var index = start
        while index < scalars.count {
            if closers.contains(scalars[index]) {
                let next = index + 1
                if next == scalars.count || !scalars[next].properties.isAlphabetic { return index }
            }
            index += 1
        }
        noCloserFrom[closers[0].value] = start
        return nil
    }

    private static func wordCount(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        var count = 0
        var inWord = false
        for scalar in scalars {
            let isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar && !inWord { count += 1 }
            inWord = isWordScalar
        }
        return count
    }
}
