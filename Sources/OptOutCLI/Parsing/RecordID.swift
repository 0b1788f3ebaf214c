/// The id of a stored record as a person types it (`review accept 12`, `outbox ack 7`): ASCII digits
/// only, at most 18 of them, so that a number or a typo is never read as an id.
enum RecordID {
    static func parse(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.count <= 18,
              text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int64(text)
    }
}
