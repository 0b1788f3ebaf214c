/// A failure of the core: its kind decides the exit code, its reason says what went wrong.
///
/// Every public operation of the core throws this type (typed throws), so a caller handles one error
/// story from the database to the exit code. Reasons that a command line would phrase in terms of its
/// own options (a reversed range, an export whose parts do not fit) are structured, and `message` words
/// them without naming any option; the command line words them in its own terms (contract §7).
public struct OptOutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The operation was asked for wrongly (64).
        case usage
        /// Input data is malformed or invalid (65).
        case badInput
        /// An input file does not exist or cannot be read (66).
        case inputMissing
        /// An output file or the database cannot be created or written (73).
        case cannotCreate
        /// Reading or writing failed part-way (74).
        case io
        /// The database stayed locked past the busy timeout (75).
        case busy
        /// Not permitted: a bad or missing signature, unsafe file permissions (77).
        case notPermitted
        /// A bug or an unexpected state (70).
        case `internal`
    }

    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// A complete sentence that names no command-line option.
        case message(String)
        /// The end of a time range is before its start.
        case reversedRange(since: Timestamp, until: Timestamp)
        /// An export request whose parts do not fit together.
        case invalidExport(ExportRequest.Problem)
        /// No database path was given and there is no home folder to put the default one in.
        case noDatabaseLocation
        /// A CSV header has no column recognisable as the phone column.
        case noPhoneColumn(columns: [String])
        /// A webhook body over a size limit (`WebhookLimits`): the sentence says which.
        case overLimit(String)
    }

    public var kind: Kind
    public var reason: Reason

    public init(_ kind: Kind, _ reason: Reason) {
        self.kind = kind
        self.reason = reason
    }

    /// An error whose reason is a sentence.
    public init(_ kind: Kind, _ message: String) {
        self.init(kind, .message(message))
    }

    /// One line for people, naming no command-line option.
    public var message: String {
        switch reason {
        case .message(let text):
            return text
        case .reversedRange(let since, let until):
            return "the end of the range (\(until.iso8601)) is before its start (\(since.iso8601))"
        case .invalidExport(let problem):
            return problem.description
        case .noDatabaseLocation:
            return "no database path given and no home folder for the default one"
        case .noPhoneColumn(let columns):
            return "no phone column found; columns are: \(PhoneColumn.list(columns))"
        case .overLimit(let text):
            return text
        }
    }

    /// The sysexits(3) code for this kind.
    public var exitCode: Int32 {
        switch kind {
        case .usage: 64
        case .badInput: 65
        case .inputMissing: 66
        case .cannotCreate: 73
        case .io: 74
        case .busy: 75
        case .notPermitted: 77
        case .internal: 70
        }
    }

    public var description: String { message }
}

// MARK: - From the layers below

extension OptOutError {
    /// An SQLite error as one line for people, with its exit code.
    public init(_ error: DatabaseError, path: String) {
        switch error.kind {
        case .busy:
            self.init(.busy, "database \(path) is busy (locked by another process past the busy timeout); try again")
        case .notADatabase:
            self.init(.badInput, "\(path) is not an optout database (not an SQLite file)")
        case .corrupt:
            self.init(.badInput, "database \(path) is corrupt: \(error.message)")
        case .readOnly:
            self.init(.cannotCreate, "database \(path) is read-only (no permission to write it or its folder)")
        case .cannotOpen:
            // Whether SQLite's message names the path already, compared on bytes (`String.contains` of a
            // string is in _StringProcessing, which the shipped build does not link).
            let message = Array(error.message.utf8), wanted = Array(path.utf8)
            let named = !wanted.isEmpty && message.count >= wanted.count
                && (0...(message.count - wanted.count)).contains { message[$0..<($0 + wanted.count)].elementsEqual(wanted) }
            self.init(.cannotCreate, named ? error.message : "\(error.message): \(path)")
        case .io:
            self.init(.io, "I/O error on database \(path): \(error.message)")
        case .other:
            self.init(.internal, "database \(path): \(error.description)")
        }
    }

    /// An I/O failure: missing input 66, cannot create output 73, else 74.
    public init(_ error: OptOutIOError) {
        switch error.kind {
        case .inputMissing: self.init(.inputMissing, error.message)
        case .cannotCreate: self.init(.cannotCreate, error.message)
        case .io: self.init(.io, error.message)
        }
    }
}
