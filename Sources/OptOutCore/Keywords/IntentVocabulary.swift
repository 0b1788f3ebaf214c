/// The words of the intent patterns and negations, each with an id (0, 1, 2…), read from message
/// bytes through a `WordMap`.
struct IntentVocabulary: Sendable {
    private var ids: [String: Int32] = [:]
    private(set) var map = WordMap<Int32>([], merge: { first, _ in first })

    /// The id of normalised `word`, given a new one the first time.
    mutating func id(of word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(ids.count)
        ids[word] = id
        return id
    }

    /// How many words have ids.
    var count: Int { ids.count }

    /// Every word with its id.
    var words: [String: Int32] { ids }

    /// Builds the byte map; call once every word has its id.
    mutating func seal() {
        map = WordMap(ids.map { (Array($0.key.utf8), $0.value) }, merge: { first, _ in first })
    }

    /// The id of the word `bytes`, -1 for a word no pattern has.
    @inline(__always)
    func id(_ bytes: UnsafeRawBufferPointer) -> Int32 { map.value(bytes) ?? -1 }
}
