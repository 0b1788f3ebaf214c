import OptOutPlatform

/// A value computed on a thread of its own while the caller goes on: `value` waits for it,
/// `valueIfReady` does not. Any thread may ask.
///
/// `filter-campaign` loads the suppression list this way while the first blocks of the CSV are read
/// and parsed. When no thread can be started the value is computed at once, in `init`.
final class BackgroundResult<Value>: @unchecked Sendable {
    /// The slot the thread fills; the thread holds it, not this object, so this one can go away
    /// (its deinit joins the thread) while the value is computed.
    private let slot: ResultSlot<Value>
    private var thread: pthread_t?

    /// Starts computing `compute()`.
    init(_ compute: @escaping () -> Value) {
        let slot = ResultSlot<Value>()
        self.slot = slot
        thread = startThread { slot.fill(compute()) }
        if thread == nil { slot.fill(compute()) }
    }

    /// A result that is already known: no thread.
    init(ready value: Value) {
        slot = ResultSlot()
        slot.fill(value)
    }

    deinit {
        if let thread { pthread_join(thread, nil) }
    }

    /// The value, waiting for it to be computed.
    var value: Value { slot.value }

    /// The value if it is computed already, else nil.
    var valueIfReady: Value? { slot.valueIfReady }
}

// MARK: - ResultSlot

/// A value filled in once by one thread and read by any, under a lock.
private final class ResultSlot<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let ready: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `mutex`:
    private var result: Value?

    init() {
        mutex = .allocate(capacity: 1)
        ready = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(ready, nil)
    }

    deinit {
        pthread_cond_destroy(ready)
        pthread_mutex_destroy(mutex)
        ready.deallocate()
        mutex.deallocate()
    }

    func fill(_ value: Value) {
        pthread_mutex_lock(mutex)
        result = value
        pthread_mutex_unlock(mutex)
        pthread_cond_broadcast(ready)
    }

    var value: Value {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let result { return result }
            pthread_cond_wait(ready, mutex)
        }
    }

    var valueIfReady: Value? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return result
    }
}
