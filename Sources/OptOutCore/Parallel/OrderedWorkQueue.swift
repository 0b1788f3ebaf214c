import OptOutPlatform

/// Runs jobs on background threads and hands their results back in the order the jobs were submitted.
///
/// The caller stays in charge of pacing: it submits jobs, takes results with `next()` (which waits
/// for the oldest job still out), and keeps the number in flight bounded so memory stays bounded.
/// Jobs and results move between threads whole, under one mutex, so each is only ever touched by one
/// thread at a time; that is why `Job` and `Result` need not be `Sendable`.
///
/// With `threads` 0, or when no thread can be started, `submit` runs the job at once on the caller's
/// thread: the results are the same, only slower. `close()` (also run by deinit, so dropping the
/// queue is enough) drops jobs not yet started, waits for the running ones and joins the threads.
final class OrderedWorkQueue<Job, Result>: @unchecked Sendable {
    /// What the workers share with the queue. The workers hold it, not the queue, so the queue can go
    /// away (its deinit closes the state and joins the threads) while they run.
    private let state: OrderedWorkState<Job, Result>
    // Touched only by the submitting thread:
    private var threads: [pthread_t] = []
    private var submitted = 0
    private var delivered = 0

    /// A queue running `work` on `threads` background threads.
    init(threads: Int, work: @escaping (Job) -> Result) {
        let state = OrderedWorkState(work: work)
        self.state = state
        for _ in 0..<max(0, threads) {
            guard let thread = startThread({ state.workerLoop() }) else { break }
            self.threads.append(thread)
        }
    }

    deinit { close() }

    /// Jobs submitted whose results have not been taken yet.
    var inFlight: Int { submitted - delivered }

    /// Queues `job` (or runs it now when there are no threads).
    func submit(_ job: Job) {
        let sequence = submitted
        submitted += 1
        if threads.isEmpty {
            state.finish(sequence, state.work(job))
        } else {
            state.add(sequence, job)
        }
    }

    /// The result of the oldest job not yet taken, waiting for it if needed. Only call it while
    /// `inFlight > 0`.
    func next() -> Result {
        precondition(inFlight > 0, "OrderedWorkQueue.next() with nothing in flight")
        let sequence = delivered
        delivered += 1
        return state.result(sequence)
    }

    /// Drops the jobs not started, waits for the running ones and stops the threads. Idempotent.
    func close() {
        state.close()
        for thread in threads { pthread_join(thread, nil) }
        threads.removeAll()
    }
}

// MARK: - OrderedWorkState

/// The jobs waiting, the results not yet taken and the lock over them, shared by an
/// `OrderedWorkQueue` and its worker threads.
private final class OrderedWorkState<Job, Result>: @unchecked Sendable {
    let work: (Job) -> Result
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let jobReady: UnsafeMutablePointer<pthread_cond_t>
    private let resultReady: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `mutex`:
    private var jobs: [(sequence: Int, job: Job)] = []
    private var firstJob = 0
    private var results: [Int: Result] = [:]
    private var closing = false

    init(work: @escaping (Job) -> Result) {
        self.work = work
        mutex = .allocate(capacity: 1)
        jobReady = .allocate(capacity: 1)
        resultReady = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(jobReady, nil)
        pthread_cond_init(resultReady, nil)
    }

    deinit {
        pthread_cond_destroy(resultReady)
        pthread_cond_destroy(jobReady)
        pthread_mutex_destroy(mutex)
        resultReady.deallocate()
        jobReady.deallocate()
        mutex.deallocate()
    }

    /// Queues a job for the workers.
    func add(_ sequence: Int, _ job: Job) {
        pthread_mutex_lock(mutex)
        jobs.append((sequence, job))
        pthread_mutex_unlock(mutex)
        pthread_cond_signal(jobReady)
    }

    /// Stores the result of job `sequence`.
    func finish(_ sequence: Int, _ result: Result) {
        pthread_mutex_lock(mutex)
        results[sequence] = result
        pthread_mutex_unlock(mutex)
        pthread_cond_broadcast(resultReady)
    }

    /// Takes the result of job `sequence`, waiting for it.
    func result(_ sequence: Int) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let result = results.removeValue(forKey: sequence) { return result }
            pthread_cond_wait(resultReady, mutex)
        }
    }

    /// Drops the jobs not started and tells the workers to stop.
    func close() {
        pthread_mutex_lock(mutex)
        closing = true
        jobs.removeAll()
        firstJob = 0
        pthread_mutex_unlock(mutex)
        pthread_cond_broadcast(jobReady)
    }

    /// A worker thread's life: take the oldest job, run it, store its result, until closed.
    func workerLoop() {
        pthread_mutex_lock(mutex)
        while true {
            while firstJob == jobs.count && !closing { pthread_cond_wait(jobReady, mutex) }
            if closing { break }
            let (sequence, job) = jobs[firstJob]
            firstJob += 1
            if firstJob == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                firstJob = 0
            }
            pthread_mutex_unlock(mutex)
            let result = work(job)
            pthread_mutex_lock(mutex)
            results[sequence] = result
            pthread_cond_broadcast(resultReady)
        }
        pthread_mutex_unlock(mutex)
    }
}
