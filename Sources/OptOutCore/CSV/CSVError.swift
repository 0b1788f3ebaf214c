/// Malformed CSV, or a failure reading it, with the physical line where it happened.
///
/// `message` is one line such as "line 12: unterminated quoted field". For `.readFailed` the message
/// is the underlying `readError`'s message (the command line maps it like any `OptOutIOError`);
/// every other kind is bad input data (exit 65).
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// A quoted field never closes; `line` is where the field started.
        case unterminatedQuotedField
        /// A `"` inside a field that did not start with one.
        case quoteInUnquotedField
        /// After a closing quote came something other than the delimiter or a line end.
        case characterAfterClosingQuote
        /// One record is longer than the reader's `maximumRecordSize`.
        case recordTooLong
        /// The bytes are not valid UTF-8; `byteOffset` says where.
        case invalidUTF8
        /// The byte source failed; see `readError`.
        case readFailed
    }

    /// What went wrong.
    public let kind: Kind
    /// The 1-based physical line of the problem.
    public let line: Int
    /// One line: "line N: what".
    public let message: String
    /// The I/O error behind a `.readFailed`, else nil.
    public let readError: OptOutIOError?
    /// For `.invalidUTF8`, the offset of the first byte that is not UTF-8 (from 0, as `xxd` counts).
    public let byteOffset: Int?
    /// What went wrong, without the line ("unterminated quoted field").
    private let text: String

    /// Creates an error for malformed input at `line`; the message becomes "line `line`: `text`".
    public init(kind: Kind, line: Int, text: String, byteOffset: Int? = nil) {
        self.kind = kind
        self.line = line
        self.message = "line \(line)" + (byteOffset.map { ", byte offset \($0)" } ?? "") + ": \(text)"
        self.readError = nil
        self.byteOffset = byteOffset
        self.text = text
    }

    /// The error for the first bytes of `bytes` that are not UTF-8, with their line and offset counted
    /// from the start of `bytes` and `hint` saying what they probably are; nil when all are UTF-8.
    public static func utf8Problem(in bytes: UnsafeRawBufferPointer, hint: String) -> CSVError? {
        guard let invalid = TextEncoding.firstInvalidUTF8(bytes) else { return nil }
        let line = 1 &+ CSVChunk.lineFeedCount(in: UnsafeRawBufferPointer(rebasing: bytes[..<invalid]))
        return CSVError(kind: .invalidUTF8, line: line, text: "not valid UTF-8; \(hint)", byteOffset: invalid)
    }

    /// Wraps an I/O failure that happened while reading `line`.
    public init(readError: OptOutIOError, line: Int) {
        self.kind = .readFailed
        self.line = line
        self.message = readError.message
        self.readError = readError
        self.byteOffset = nil
        self.text = readError.message
    }

    /// The same error `lines` lines and `bytes` bytes further down: for a part of an input parsed on
    /// its own (`CSVReader(borrowing:…)`), whose line 1 is line `lines + 1` of the whole input.
    public func movedDown(by lines: Int, bytes: Int = 0) -> CSVError {
        if let readError { return CSVError(readError: readError, line: line + lines) }
        return CSVError(kind: kind, line: line + lines, text: text, byteOffset: byteOffset.map { $0 + bytes })
    }

    /// The message.
    public var description: String { message }
}
