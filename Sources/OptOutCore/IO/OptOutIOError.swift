import OptOutPlatform

/// A failure to open, read, create or write a file, described in one line.
///
/// `kind` tells the command line which exit status to use: `.inputMissing` → 66 (input file missing or
/// unreadable), `.cannotCreate` → 73 (cannot create output), `.io` → 74 (I/O error while reading or
/// writing). `message` names the path and the system's error text, for example
/// "cannot create /x/out.csv: No such file or directory". `errorNumber` is the `errno` value behind the
/// error (0 when there is none), so a caller can treat `EPIPE` on standard output specially.
public struct OptOutIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of failure, which decides the exit status.
    public enum Kind: Equatable, Sendable {
        /// An input file does not exist, is a directory, or cannot be read (permission denied).
        case inputMissing
        /// An output file cannot be created: missing folder, folder not writable, path is a directory.
        case cannotCreate
        /// Reading or writing failed after the file was opened (EIO, ENOSPC, EPIPE, …).
        case io
    }

    /// The class of failure.
    public let kind: Kind
    /// One line naming the path and the reason.
    public let message: String
    /// The `errno` value behind the failure, or 0.
    public let errorNumber: Int32

    /// Creates an error from its parts.
    public init(kind: Kind, message: String, errorNumber: Int32 = 0) {
        self.kind = kind
        self.message = message
        self.errorNumber = errorNumber
    }

    /// The message.
    public var description: String { message }

    /// Builds "`action` `path`: `strerror(code)`".
    static func system(_ kind: Kind, _ action: String, _ path: String, _ code: Int32) -> OptOutIOError {
        OptOutIOError(kind: kind, message: "\(action) \(path): \(systemErrorText(code))", errorNumber: code)
    }
}
