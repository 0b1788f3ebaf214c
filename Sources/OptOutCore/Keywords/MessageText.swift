/// Normalisation of inbound message text for keyword matching.
///
/// Steps, in order:
/// 1. Unicode compatibility decomposition (NFKD): full-width `ＳＴＯＰ`, math-bold `𝐒𝐓𝐎𝐏`, circled
///    letters and ligatures become plain letters.
/// 2. Combining marks are dropped, which removes diacritics (`é`→`e`, `ñ`→`n`, `ç`→`c`, `ã`→`a`);
///    a few letters without a decomposition are folded by table (`ß`→`ss`, `æ`→`ae`, `œ`→`oe`,
///    `ø`→`o`, `ł`→`l`, `đ`/`ð`→`d`, `þ`→`th`, `ı`→`i`).
/// 3. Letters are lower-cased.
/// 4. Apostrophes inside text (`'`, `’`, `‘`, `ʼ`, `´`, `` ` ``) are deleted, joining the pieces:
///    "don't" → "dont", "s'il" → "sil", "m'envoyer" → "menvoyer".
/// 5. Every other character that is not a letter or digit (whitespace, punctuation, hyphen,
///    underscore, symbols, emoji, control and format characters) separates words.
/// 6. Words are joined by exactly one space, with nothing before the first or after the last.
///
/// So `"  STOP!!! 🛑 "` → `"stop"`, `"opt_out"` → `"opt out"`, `"STOP. Thank you"` → `"stop thank you"`,
/// and an emoji-only message → `""`. Messages that are pure ASCII take a byte-level fast path.
public enum MessageText {
    /// Returns the normalised form of `text` (see the type's documentation for the rules).
    public static func normalize(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        normalize(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the normalised UTF-8 bytes of `text` to `output`; with `foldingConfusables`, Cyrillic
    /// and Greek look-alikes of Latin letters are written as those letters (the folded layer's reading);
    /// with `marksClauses`, words in different clauses are separated by a line feed (the intent layer's).
    static func normalize(
        _ text: String, into output: inout [UInt8], foldingConfusables: Bool = false, marksClauses: Bool = false
    ) {
        var writer = WordWriter()
        writer.foldsConfusables = foldingConfusables
        writer.marksClauses = marksClauses
        let handledAsASCII: Bool = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            for byte in bytes { writer.appendASCII(byte, to: &output) }
            return true
        } ?? false
        if handledAsASCII { return }

        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 {
            isASCII = false
            break
        }
        if isASCII {
            for byte in text.utf8 { writer.appendASCII(byte, to: &output) }
            return
        }
        for scalar in text.unicodeScalars {
            // NFKD splits the acute accent `´` into a space and a combining accent, which would
            // separate words: it joins them like the other apostrophe look-alikes instead.
            if scalar.value == 0xB4 {
                writer.appendASCII(UInt8(ascii: "'"), to: &output)
                continue
            }
            forEachCompatibilityScalar(of: scalar) { writer.appendScalar($0, to: &output) }
        }
    }

    // MARK: Compatibility decomposition

    /// Calls `body` with each scalar of the compatibility decomposition (NFKD) of `scalar`, in order.
    ///
    /// The NFKD of a text is its scalars' decompositions one after the other, except that NFKD also
    /// sorts runs of combining marks; the words are the same because `WordWriter` drops every mark.
    /// Hangul syllables decompose by arithmetic (Unicode §3.12); the rest comes from
    /// `CompatibilityTable`, generated from the Unicode data (a test compares it with Foundation's NFKD).
    static func forEachCompatibilityScalar(of scalar: Unicode.Scalar, _ body: (Unicode.Scalar) -> Void) {
        let value = scalar.value
        if value < 0xA0 {
            body(scalar)
            return
        }
        if value >= Hangul.first && value <= Hangul.last {
            let index = value - Hangul.first
            body(Unicode.Scalar(Hangul.leadingFirst + index / Hangul.perLeading)!)
            body(Unicode.Scalar(Hangul.vowelFirst + (index % Hangul.perLeading) / Hangul.trailingCount)!)
            let trailing = index % Hangul.trailingCount
            if trailing != 0 { body(Unicode.Scalar(Hangul.trailingFirst + trailing)!) }
            return
        }
        guard let row = CompatibilityTable.scalars.sortedIndex(of: value) else {
            body(scalar)
            return
        }
        let pool = CompatibilityTable.pool
        for index in Int(CompatibilityTable.starts[row])..<Int(CompatibilityTable.starts[row + 1]) {
            if let decomposed = Unicode.Scalar(pool[index]) { body(decomposed) }
        }
    }

    /// The constants of the Hangul syllable decomposition (Unicode §3.12).
    private enum Hangul {
        static let first: UInt32 = 0xAC00
        static let last: UInt32 = 0xD7A3
        static let leadingFirst: UInt32 = 0x1100
        static let vowelFirst: UInt32 = 0x1161
        static let trailingFirst: UInt32 = 0x11A7
        static let trailingCount: UInt32 = 28
        /// Vowels × trailing consonants: the syllables per leading consonant.
        static let perLeading: UInt32 = 21 * 28
    }
}

// MARK: - WordWriter
