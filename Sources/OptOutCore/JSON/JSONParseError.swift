/// Why a byte sequence is not the JSON text `JSONParser` accepts, with the byte offset where it fails.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Offset of the offending byte from the start of the input (0-based).
    public var offset: Int
    /// What is wrong, for people: "expected ',' or '}' after an object member".
    public var reason: String

    /// Creates an error at `offset`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `reason at byte N`.
    public var description: String { "\(reason) at byte \(offset)" }
}
