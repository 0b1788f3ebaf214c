/// One normalised review phrase.
struct ReviewPhrase: Sendable {
    var rule: String
    var phrase: String
    var bytes: [UInt8]
}
