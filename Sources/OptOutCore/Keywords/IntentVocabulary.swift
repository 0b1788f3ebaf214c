/// The words of the intent patterns and negations, each with an id (0, 1, 2…), read from message
/// bytes through a `WordMap`.
///
/// Built on bytes, because every run that reads a message in words builds it: a word is written into
/// the map as it gets its id (no `String` key, no second map to seal), a word that patterns write
/// already normalised (lower-case ASCII letters and digits, most of them) skips normalising, and a
/// word class is gathered once, however many patterns name it.
struct IntentVocabulary: Sendable {
    private(set) var map = WordMap<Int32>(capacity: 512)
    /// The words by id.
    private var words: [[UInt8]] = []
    /// The ids of each word class's members (sorted, each once), gathered the first time a pattern
    /// names the class.
    private var classIDs: [String: [Int32]] = [:]

    /// The id of the normalised word `bytes`, given a new one the first time.
    private mutating func id(ofNormalized bytes: UnsafeRawBufferPointer) -> Int32 {
        if let id = map.value(bytes) { return id }
        let id = Int32(words.count)
        map.insert(bytes, id) { first, _ in first }
        words.append(Array(bytes))
        return id
    }

    /// The id of `word` as a pattern writes it, normalised (`MessageText.normalize`) unless it is
    /// lower-case ASCII letters and digits already; nil when it normalises to nothing or to more than
    /// one word.
    mutating func id(ofWritten word: UnsafeRawBufferPointer) -> Int32? {
        var plain = !word.isEmpty
        for byte in word where !((0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)) {
            plain = false
            break
        }
        if plain { return id(ofNormalized: word) }
        var normalized: [UInt8] = []
        MessageText.normalize(String(decoding: word, as: UTF8.self), into: &normalized)
        guard !normalized.isEmpty, !normalized.contains(0x20) else { return nil }
        return normalized.withUnsafeBytes { id(ofNormalized: $0) }
    }

    /// The id of `word` as a pattern writes it (`id(ofWritten:)` on its UTF-8).
    mutating func id(ofWritten word: String) -> Int32? {
        var word = word
        return word.withUTF8 { id(ofWritten: UnsafeRawBufferPointer($0)) }
    }

    /// The ids of the members of word class `name` (`IntentRule.classes`), sorted and each once; nil
    /// for an unknown class.
    mutating func ids(ofClass name: String) -> [Int32]? {
        if let ids = classIDs[name] { return ids }
        guard let members = IntentRule.classes[name] else { return nil }
        var ids: [Int32] = []
        ids.reserveCapacity(members.count)
        for member in members {
            guard let id = id(ofWritten: member) else { return nil }
            ids.append(id)
        }
        ids = Self.sortedUnique(ids)
        classIDs[name] = ids
        return ids
    }

    /// `ids` sorted, each once (`ids` itself, shared, when it is already).
    static func sortedUnique(_ ids: [Int32]) -> [Int32] {
        if zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) { return ids }
        var result: [Int32] = []
        result.reserveCapacity(ids.count)
        for id in ids.sorted() where result.last != id { result.append(id) }
        return result
    }

    /// How many words have ids.
    var count: Int { words.count }

    /// The normalised word with id `id`.
    func word(_ id: Int32) -> [UInt8] { words[Int(id)] }

    /// The id of the word `bytes`, -1 for a word no pattern has.
    @inline(__always)
    func id(_ bytes: UnsafeRawBufferPointer) -> Int32 { map.value(bytes) ?? -1 }
}
