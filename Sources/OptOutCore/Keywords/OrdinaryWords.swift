/// The ordinary words of English, Spanish, Portuguese, French, German and Italian that the fuzzy layer
/// never reads as keywords ("step", "shop", "quite", "stoop"), from `OrdinaryWordTable`.
///
/// The table holds 32-bit FNV-1a hashes of the normalised words, so a word is ordinary when its hash
/// is listed: about one unlisted word in 33,000 shares a hash and is wrongly taken as ordinary, which
/// only means that typo is not read as a keyword.
enum OrdinaryWords {
    /// Whether the normalised word `bytes` is an ordinary word.
    static func contains(_ bytes: some Collection<UInt8>) -> Bool {
        hashes.sortedIndex(of: hash(bytes)) != nil
    }

    /// FNV-1a, 32 bits, as `Scripts/generate-ordinary-words.py` computes it.
    static func hash(_ bytes: some Collection<UInt8>) -> UInt32 {
        var value: UInt32 = 0x811C_9DC5
        for byte in bytes { value = (value ^ UInt32(byte)) &* 0x0100_0193 }
        return value
    }

    /// The table's hashes, decoded once on first use.
    private static let hashes: [UInt32] = OrdinaryWordTable.hashes.withUTF8Buffer { text in
        var values: [UInt32] = []
        values.reserveCapacity(OrdinaryWordTable.count)
        var value: UInt32 = 0
        var digits = 0
        for byte in text {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte &- UInt8(ascii: "a") &+ 10)
            default: continue
            }
            value = value << 4 | digit
            digits &+= 1
            if digits == 8 {
                values.append(value)
                value = 0
                digits = 0
            }
        }
        return values
    }
}
