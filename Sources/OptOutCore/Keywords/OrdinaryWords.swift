/// The ordinary words of English, Spanish, Portuguese, French, German and Italian that the fuzzy layer
/// never reads as keywords ("step", "shop", "quite", "stoop"), from `OrdinaryWordTable`.
///
/// The table holds 32-bit FNV-1a hashes of the normalised words, so a word is ordinary when its hash
/// is listed: about one unlisted word in 33,000 shares a hash and is wrongly taken as ordinary, which
/// only means that typo is not read as a keyword.
enum OrdinaryWords {
    /// Whether the normalised word `bytes` is an ordinary word: a binary search straight in the
    /// table's text (no decoding at start-up, which would cost a one-message run a few milliseconds).
    static func contains(_ bytes: some Collection<UInt8>) -> Bool {
        let wanted = hash(bytes)
        return OrdinaryWordTable.hashes.withUTF8Buffer { text -> Bool in
            var low = 0
            var high = OrdinaryWordTable.count
            while low < high {
                let middle = (low + high) / 2
                let value = hashValue(at: middle, in: text)
                if value == wanted { return true }
                if value < wanted { low = middle + 1 } else { high = middle }
            }
            return false
        }
    }

    /// FNV-1a, 32 bits, as `Scripts/generate-ordinary-words.py` computes it.
    static func hash(_ bytes: some Collection<UInt8>) -> UInt32 {
        var value: UInt32 = 0x811C_9DC5
        for byte in bytes { value = (value ^ UInt32(byte)) &* 0x0100_0193 }
        return value
    }

    /// Hashes per line of the table's text, and a line's length with its line break.
    private static let perLine = 12
    private static let lineBytes = perLine * 8 + 1

    /// Hash `index` of the table: 8 lower-case hexadecimal digits at a fixed place in its text.
    private static func hashValue(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let start = (index / perLine) * lineBytes + (index % perLine) * 8
        var value: UInt32 = 0
        for offset in start..<(start + 8) {
            let byte = text[offset]
            value = value << 4 | UInt32(byte <= UInt8(ascii: "9") ? byte &- UInt8(ascii: "0") : byte &- UInt8(ascii: "a") &+ 10)
        }
        return value
    }
}
