import Foundation
import Testing
import OptOutTestSupport
@testable import OptOutCLI
@testable import OptOutCore

import OptOutPlatform

// MARK: - Suite

/// Issue 6, part A: the concurrency and kill suites, one after the other (they time processes, so they
/// should not compete with each other for the two cores).
@Suite(.serialized) struct ReliabilityTests {}

// MARK: - Scale

/// How big the reliability runs are: short in CI, long when `OPTOUT_STRESS=1`
/// (`Benchmarks/stress/run.sh`), which also points `OPTOUT_TEST_BINARY` at a release build.
enum StressScale {
    static let environment = ProcessInfo.processInfo.environment

    /// True for the long, on-demand variant.
    static let isStress = environment["OPTOUT_STRESS"] == "1"

    /// `ci` normally, `stress` under `OPTOUT_STRESS=1`; `OPTOUT_STRESS_<NAME>` overrides either.
    static func value(_ name: String, ci: Int, stress: Int) -> Int {
        if let text = environment["OPTOUT_STRESS_" + name], let number = Int(text), number > 0 { return number }
        return isStress ? stress : ci
    }

    /// The seed of every random choice; printed so a failing run can be repeated.
    static let seed: UInt64 = environment["OPTOUT_STRESS_SEED"].flatMap { UInt64($0) } ?? 20_260_301

    /// Prints one result line (`stress: …`); the stress script collects these.
    static func report(_ line: String) {
        print("stress: \(line)")
    }
}

// MARK: - Processes

/// One finished run of the binary.
struct ProcessRun: Sendable {
    var arguments: [String]
    var status: Int32
    var stdout: String
    var stderr: String
    /// Seconds from launch to exit.
    var seconds: Double
}

/// Runs the optout binary as child processes.
enum ChildProcess {
    /// Runs `arguments` to completion and captures both outputs.
    static func run(_ arguments: [String], environment: [String: String]) throws -> ProcessRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OptOutBinary.path)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        // stderr is small; read stdout to its end first, then stderr.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e9
        return ProcessRun(
            arguments: arguments, status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), seconds: seconds)
    }

    /// Starts `arguments` with both outputs discarded, kills it with SIGKILL after `delay` seconds
    /// (unless it has finished), and returns its exit status and whether the kill landed.
    static func runAndKill(_ arguments: [String], environment: [String: String], after delay: Double) throws
        -> (status: Int32, killed: Bool)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OptOutBinary.path)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return (process.terminationStatus, killed)
    }
}

/// Runs `count` closures on their own threads at once and waits for all of them.
enum ParallelLanes {
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for lane in 0..<count {
            group.enter()
            let thread = Thread {
                body(lane)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }
}

/// A lock-protected list filled from several threads.
final class SharedList<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []

    func append(_ item: Element) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

// MARK: - Database checks

/// Reads a database the way the checks need: integrity, events, entries, inbound message ids.
struct DatabaseSnapshot {
    let store: OptOutStore

    /// Opens `path` through the store, as every command does (this is the "database always opens" check).
    init(path: String) throws {
        store = try OptOutStore(path: path)
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    func integrity() throws -> String {
        try store.database.rows("PRAGMA integrity_check") { $0.text(0) }.joined(separator: "; ")
    }

    /// Every event in id order.
    func events() throws -> [Event] {
        try store.database.rows("SELECT \(EventColumn.selectList) FROM events ORDER BY id", []) { row in
            try EventColumn.decode(row)
        }
    }

    /// Every entry as its full row of facts, ordered by scope and number.
    func entryRows() throws -> [String] {
        try store.database.rows(
            """
            SELECT scope, match_key, number, consent, consent_at, consent_source, blocked, blocked_at,
                blocked_source, marketing_stopped, marketing_at, marketing_source, status, changed_at, actor, reason
            FROM entries ORDER BY scope, match_key
            """
        ) { row in (0..<16).map { row.optionalText($0) ?? "NULL" }.joined(separator: "|") }
    }

    /// The inbound message ids recorded, in no particular order.
    func messageIDs() throws -> [String] {
        try store.database.rows("SELECT message_id FROM inbound_messages", []) { $0.text(0) }
    }

    func count(_ sql: String) throws -> Int {
        Int(try store.database.scalarInt(sql) ?? -1)
    }
}

/// An event's content without its id and recorded time: what a clean run and a killed-then-resumed run
/// must agree on.
struct EventFacts: Equatable, CustomStringConvertible {
    var scope: String, number: String, action: String, source: String, at: Int64
    var actor: String?, reason: String?, messageID: String?, messageText: String?, keyword: String?
    var applied: Bool

    init(_ event: Event) {
        scope = event.scope
        number = event.identifier.text
        action = event.action.rawValue
        source = event.source.rawValue
        at = event.at.milliseconds
        actor = event.actor
        reason = event.reason
        messageID = event.messageID
        messageText = event.messageText
        keyword = event.keyword
        applied = event.applied
    }

    var description: String { "\(messageID ?? "-") \(number) \(action) \(applied ? "" : "(stale)")" }
}

/// The sequential replay check: applies `events` in id order to a fresh database through
/// `WriteTransaction.record` (the one implementation of contract §2) and returns the problems found — an event
/// the rules would not have logged, or logged with another `applied`, and any difference between the
/// resulting entries and `entries`.
enum SequentialReplay {
    static func problems(events: [Event], entries: [String], freshPath: String) throws -> [String] {
        let replay = try DatabaseSnapshot(path: freshPath)
        var problems: [String] = []
        try replay.store.write { transaction in
            for event in events {
                let again = NewEvent(
                    scope: event.scope, identifier: event.identifier, action: event.action, source: event.source, at: event.at,
                    actor: event.actor, reason: event.reason, messageID: event.messageID,
                    messageText: event.messageText, keyword: event.keyword)
                let outcome = try transaction.record(again, recordedAt: event.recordedAt)
                if !outcome.logged { problems.append("event \(event.id) would not be logged in a sequential replay") }
            }
        }
        let replayed = try replay.events()
        if replayed.map(\.applied) != events.map(\.applied) {
            problems.append("applied flags differ from a sequential replay")
        }
        if replayed.map(EventFacts.init) != events.map(EventFacts.init) {
            problems.append("the replayed log differs from the log")
        }
        let replayedEntries = try replay.entryRows()
        if replayedEntries != entries {
            let differing = zip(replayedEntries, entries).filter { $0 != $1 }.prefix(3)
            problems.append(
                "entries differ from a sequential replay (\(replayedEntries.count) vs \(entries.count)): \(Array(differing))")
        }
        return problems
    }
}

/// The names in `folder` that look like AtomicFile temporaries of `name` (`.name.tmp-XXXXXX`).
func temporaryFiles(of name: String, in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasPrefix(".\(name).tmp-") }.sorted()
}
