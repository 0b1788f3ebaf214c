import OptOutPlatform
import Synchronization

/// The distinct SQL texts of the statements prepared on a thread while `collecting` runs: tests run
/// commands in-process with one and check each query's plan (`EXPLAIN QUERY PLAN`).
///
/// The log is found through a thread-specific slot (`pthread_getspecific`), so tests running side by
/// side on other threads collect only their own, and a run that sets none pays one read per statement
/// prepared. (A task-local did this before; it needed the `_Concurrency` module, which the shipped
/// binary no longer links: Docs/performance.md.)
public final class StatementLog: Sendable {
    private let texts = Mutex<Set<String>>([])

    public init() {}

    /// Runs `body` with this log collecting the statements prepared on the calling thread, then puts
    /// back whatever log was collecting before.
    public func collecting<Result>(_ body: () throws -> Result) rethrows -> Result {
        guard let slot = StatementLog.slot else { return try body() }
        let previous = pthread_getspecific(slot)
        // Unretained: `self` lives for the whole call, and the slot is restored before it returns.
        pthread_setspecific(slot, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(slot, previous.map(UnsafeRawPointer.init)) }
        return try body()
    }

    /// The texts collected so far, sorted.
    public var statements: [String] { texts.withLock { $0.sorted() } }

    /// Notes `sql` in the log collecting on the calling thread, if any.
    static func notePrepared(_ sql: String) {
        guard let slot, let log = pthread_getspecific(slot) else { return }
        Unmanaged<StatementLog>.fromOpaque(log).takeUnretainedValue().texts.withLock { _ = $0.insert(sql) }
    }

    /// The slot, made on first use (every run that prepares a statement); nil if the system has no
    /// key left, and then nothing is collected (the query-plan tests then fail, as they see no query).
    private static let slot: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key, nil) == 0 ? key : nil
    }()
}
