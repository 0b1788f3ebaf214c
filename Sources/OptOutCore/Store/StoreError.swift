/// A failure the command line reports with one line and an exit code (contract §7).
public struct OptOutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// The command was called wrongly (64).
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
        /// A bug or an unexpected state (70).
        case `internal`
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
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
        case .internal: 70
        }
    }

    public var description: String { message }
}

import CSQLite

extension OptOutError {
    /// Turns an SQLite error into a one-line message for people, with its exit code.
    public init(_ error: DatabaseError, path: String) {
        switch error.primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            self.init(.busy, "database \(path) is busy (locked by another process past the busy timeout); try again")
        case SQLITE_NOTADB:
            self.init(.badInput, "\(path) is not an optout database (not an SQLite file)")
        case SQLITE_CORRUPT:
            self.init(.badInput, "database \(path) is corrupt: \(error.message)")
        case SQLITE_READONLY:
            self.init(.cannotCreate, "database \(path) is read-only (no permission to write it or its folder)")
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH:
            self.init(.cannotCreate, error.message.contains(path) ? error.message : "\(error.message): \(path)")
        case SQLITE_FULL, SQLITE_IOERR:
            self.init(.io, "I/O error on database \(path): \(error.message)")
        default:
            self.init(.internal, "database \(path): \(error.description)")
        }
    }
}
