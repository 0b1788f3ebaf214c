import Synchronization

/// The distinct SQL texts of the statements prepared while it was `Database.preparedStatements`.
public final class StatementLog: Sendable {
    private let texts = Mutex<Set<String>>([])

    public init() {}

    func add(_ sql: String) { texts.withLock { _ = $0.insert(sql) } }

    /// The texts collected so far, sorted.
    public var statements: [String] { texts.withLock { $0.sorted() } }
}
