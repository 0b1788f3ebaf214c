import OptOutPlatform
import OptOutTestSupport
import Testing
@testable import OptOutCore

// MARK: - Support

/// Counts shared between the test thread and the queue's workers.
final class SharedCounts: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var values: [String: Int] = [:]

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func add(_ name: String, _ amount: Int = 1) {
        pthread_mutex_lock(mutex)
        values[name, default: 0] += amount
        pthread_mutex_unlock(mutex)
    }

    subscript(_ name: String) -> Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return values[name, default: 0]
    }
}

/// A job or result that counts how many of its kind are alive.
final class CountedToken {
    let value: Int
    let kind: String
    let counts: SharedCounts

    init(_ value: Int, kind: String, counts: SharedCounts) {
        self.value = value
        self.kind = kind
        self.counts = counts
        counts.add(kind)
    }

    deinit { counts.add(kind, -1) }
}

/// Sleeps `microseconds` (jobs of varied length finish out of order on several threads).
func pause(microseconds: Int) {
    _ = usleep(UInt32(microseconds))
}


// MARK: - OrderedWorkQueueTests

@Suite struct OrderedWorkQueueTests {
    /// Job durations in microseconds, 0…299, from a seeded generator.
    static func durations(_ count: Int, seed: UInt64) -> [Int] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in random.below(300) }
    }

    @Test(arguments: [0, 1, 2, 4])
    func resultsComeBackInSubmissionOrderWithABoundedWindow(threads: Int) {
        let durations = Self.durations(240, seed: 0x0DE7 &+ UInt64(threads))
        let caller = currentThread()
        let counts = SharedCounts()
        let queue = OrderedWorkQueue<Int, Int>(threads: threads) { job in
            pause(microseconds: durations[job])
            counts.add(currentThread() == caller ? "on caller" : "on worker")
            return job &* 7 &+ 1
        }
        let window = 2 * max(1, threads) + 1
        var results: [Int] = []
        var submitted = 0
        while results.count < durations.count {
            while submitted < durations.count && queue.inFlight < window {
                queue.submit(submitted)
                submitted += 1
            }
            #expect(queue.inFlight <= window)
            results.append(queue.next())
        }
        #expect(results == (0..<240).map { $0 * 7 + 1 })
        #expect(queue.inFlight == 0)
        queue.close()
        // Threads 0 runs every job on the caller's thread, else none.
        #expect(counts["on caller"] == (threads == 0 ? 240 : 0))
        #expect(counts["on worker"] == (threads == 0 ? 0 : 240))
    }

    @Test(arguments: [0, 1, 2, 4])
    func resultsComeBackInOrderWhenAllAreSubmittedFirst(threads: Int) {
        let durations = Self.durations(120, seed: 0xA11 &+ UInt64(threads))
        let queue = OrderedWorkQueue<Int, String>(threads: threads) { job in
            pause(microseconds: durations[job])
            return "job \(job)"
        }
        for job in 0..<120 { queue.submit(job) }
        #expect(queue.inFlight == 120)
        let results = (0..<120).map { _ in queue.next() }
        #expect(results == (0..<120).map { "job \($0)" })
        #expect(queue.inFlight == 0)
    }

    @Test(arguments: [0, 2])
    func inFlightCountsSubmittedMinusTaken(threads: Int) {
        let queue = OrderedWorkQueue<Int, Int>(threads: threads) { $0 * 2 }
        #expect(queue.inFlight == 0)
        queue.submit(1)
        queue.submit(2)
        queue.submit(3)
        #expect(queue.inFlight == 3)
        #expect(queue.next() == 2)
        #expect(queue.inFlight == 2)
        queue.submit(4)
        #expect(queue.inFlight == 3)
        #expect(queue.next() == 4)
        #expect(queue.next() == 6)
        #expect(queue.next() == 8)
        #expect(queue.inFlight == 0)
        // The queue is reusable after it ran dry.
        queue.submit(10)
        #expect(queue.inFlight == 1)
        #expect(queue.next() == 20)
        #expect(queue.inFlight == 0)
    }

    @Test func threadsZeroRunsEachJobWhenSubmitted() {
        let counts = SharedCounts()
        let queue = OrderedWorkQueue<Int, Int>(threads: 0) { job in
            counts.add("ran")
            return job
        }
        queue.submit(5)
        #expect(counts["ran"] == 1)
        queue.submit(6)
        #expect(counts["ran"] == 2)
        #expect(queue.next() == 5)
        #expect(queue.next() == 6)
        #expect(counts["ran"] == 2)
    }

    @Test func negativeThreadsRunInline() {
        let caller = currentThread()
        let queue = OrderedWorkQueue<Int, Bool>(threads: -3) { _ in currentThread() == caller }
        queue.submit(0)
        #expect(queue.next() == true)
    }

    // MARK: - Closing

    @Test(arguments: [1, 3])
    func closeWithJobsPendingDropsThemAndReturns(threads: Int) {
        let counts = SharedCounts()
        let queue = OrderedWorkQueue<Int, Int>(threads: threads) { job in
            counts.add("started")
            pause(microseconds: 20_000)
            counts.add("finished")
            return job
        }
        for job in 0..<30 { queue.submit(job) }
        queue.close()
        // close() waited for the running jobs and started no more.
        let started = counts["started"]
        #expect(started < 30)
        #expect(counts["finished"] == started)
        pause(microseconds: 30_000)
        #expect(counts["started"] == started)
        queue.close()
        #expect(counts["started"] == started)
    }

    @Test func closeOnAnIdleQueueReturns() {
        let queue = OrderedWorkQueue<Int, Int>(threads: 4) { $0 }
        queue.submit(1)
        #expect(queue.next() == 1)
        queue.close()
        queue.close()
        #expect(queue.inFlight == 0)
    }

    @Test(arguments: [0, 1, 4])
    func deinitWithJobsQueuedDoesNotCrash(threads: Int) {
        let counts = SharedCounts()
        do {
            let queue = OrderedWorkQueue<CountedToken, CountedToken>(threads: threads) { job in
                pause(microseconds: 1_000)
                counts.add("ran")
                return CountedToken(job.value * 2, kind: "result", counts: counts)
            }
            for job in 0..<40 { queue.submit(CountedToken(job, kind: "job", counts: counts)) }
            #expect(queue.inFlight == 40)
            // One result taken, the rest left in the queue, queued or running.
            #expect(queue.next().value == 0)
            #expect(queue.inFlight == 39)
        }
        // Reaching this line is the check: no trap, no deadlock. Threads 0 ran every job inline.
        #expect(counts["ran"] >= 1)
        if threads == 0 {
            #expect(counts["job"] == 0)
            #expect(counts["result"] == 0)
        }
    }

    @Test(arguments: [1, 4])
    func queueDroppedWithoutCloseIsFreed(threads: Int) {
        // Deinit closes the queue: dropping it with workers running frees it, its queued jobs and its
        // results (the workers hold only the shared state, not the queue); so does closing it first.
        for closesFirst in [false, true] {
            let counts = SharedCounts()
            weak var dropped: OrderedWorkQueue<CountedToken, CountedToken>?
            do {
                let queue = OrderedWorkQueue<CountedToken, CountedToken>(threads: threads) { job in
                    pause(microseconds: 1_000)
                    return CountedToken(job.value, kind: "result", counts: counts)
                }
                dropped = queue
                for job in 0..<40 { queue.submit(CountedToken(job, kind: "job", counts: counts)) }
                // Waiting for the first result makes sure the workers are running.
                #expect(queue.next().value == 0)
                if closesFirst { queue.close() }
            }
            #expect(dropped == nil, "closes first: \(closesFirst)")
            #expect(counts["job"] == 0, "closes first: \(closesFirst)")
            #expect(counts["result"] == 0, "closes first: \(closesFirst)")
        }
    }
}
