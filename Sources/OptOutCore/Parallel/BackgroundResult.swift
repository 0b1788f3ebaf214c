#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - BackgroundResult

/// A value computed on a thread of its own while the caller goes on: `value` waits for it,
/// `valueIfReady` does not. Any thread may ask.
///
/// `filter-campaign` loads the suppression list this way while the first blocks of the CSV are read
/// and parsed. When no thread can be started the value is computed at once, in `init`.
final class BackgroundResult<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let ready: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `mutex`:
    private var result: Value?
    private var thread: pthread_t?

    /// Starts computing `compute()`.
    init(_ compute: @escaping () -> Value) {
        mutex = .allocate(capacity: 1)
        ready = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(ready, nil)
        // `unowned(unsafe)`: deinit joins the thread before anything is freed.
        let started = startThread { [unowned(unsafe) self] in
            let value = compute()
            pthread_mutex_lock(self.mutex)
            self.result = value
            pthread_cond_broadcast(self.ready)
            pthread_mutex_unlock(self.mutex)
        }
        if let started {
            thread = started
        } else {
            result = compute()
        }
    }

    /// A result that is already known: no thread.
    init(ready value: Value) {
        mutex = .allocate(capacity: 1)
        ready = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(ready, nil)
        result = value
    }

    deinit {
        if let thread { pthread_join(thread, nil) }
        pthread_cond_destroy(ready)
        pthread_mutex_destroy(mutex)
        ready.deallocate()
        mutex.deallocate()
    }

    /// The value, waiting for it to be computed.
    var value: Value {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let result { return result }
            pthread_cond_wait(ready, mutex)
        }
    }

    /// The value if it is computed already, else nil.
    var valueIfReady: Value? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return result
    }
}
