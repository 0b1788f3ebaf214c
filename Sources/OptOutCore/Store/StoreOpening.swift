import OptOutPlatform

/// How a command opens the store: whether a missing file may be created, whether a file it cannot
/// write may be read, how long to wait for a lock, and the mode of files it creates.
public struct StoreOpening: Sendable, Equatable {
    /// What to do when no file exists at the path.
    public enum WhenMissing: Sendable, Equatable {
        /// Create it (a command that writes, or the default database of any command).
        case create
        /// Refuse with "no database at PATH" (66) and create nothing: a command that only reads must
        /// not answer from an empty database made by a typo.
        case refuse
    }

    public var whenMissing: WhenMissing
    /// A file that exists but cannot be written is opened read-only (for commands that only read).
    public var readOnlyAllowed: Bool
    /// Milliseconds to wait for another connection's lock (https://www.sqlite.org/c3ref/busy_timeout.html).
    public var busyTimeout: Int32
    /// The mode of a database file this open creates (SQLite gives its -wal and -shm the same).
    public var fileMode: FileMode

    public init(
        whenMissing: WhenMissing, readOnlyAllowed: Bool, busyTimeout: Int32 = 5000, fileMode: FileMode = .private
    ) {
        self.whenMissing = whenMissing
        self.readOnlyAllowed = readOnlyAllowed
        self.busyTimeout = busyTimeout
        self.fileMode = fileMode
    }

    /// A command that writes: creates a missing database.
    public static let write = StoreOpening(whenMissing: .create, readOnlyAllowed: false)
    /// A command that only reads: refuses a missing database, reads one it cannot write.
    public static let read = StoreOpening(whenMissing: .refuse, readOnlyAllowed: true)
}
