import Foundation
import Testing
import OptOutTestSupport
@testable import OptOutCLI
@testable import OptOutCore

import OptOutPlatform

/// Issue 6, part A, §1: many optout processes on one database at once (contract §7: WAL, busy timeout,
/// `BEGIN IMMEDIATE`). Short in CI; `Benchmarks/stress/run.sh` runs the long variant.
extension ReliabilityTests {
    @Suite(.serialized) struct ConcurrencyTests {
        /// One operation a lane ran, with what the log must hold for it.
        struct Operation: Sendable {
            enum Kind: String, Sendable { case ingest, block, optOut = "block --opt-out", unblock, check, export, filter }
            var kind: Kind
            /// The message id (ingest) or reason (block, unblock) that tags its event.
            var tag: String?
            var run: ProcessRun
        }

        /// 16 processes at once, each running a fixed number of operations on a dozen shared numbers:
        /// webhook-style `ingest-message --from … --text …` with distinct ids (half with an `--at` in the
        /// past, so some arrive out of order), `block`, `block --opt-out`, `unblock`, `check`, `export` and
        /// `filter-campaign`. Afterwards: every process succeeded with no "database is locked"/busy error
        /// under the default timeout; every operation that reported a change is in the log exactly once and
        /// every other is not; the log and the entries equal a sequential replay of the log through
        /// `WriteTransaction.record`; `PRAGMA integrity_check` is ok.
        @Test func sixteenProcessesKeepTheLogAndStateConsistent() throws {
            let lanes = 16
            let operationsPerLane = StressScale.value("OPERATIONS", ci: 8, stress: 500)
            let sandbox = Sandbox()
            let numbers = (0..<12).map { "+1555020\(String(format: "%04d", $0))" }
            let campaign = sandbox.write("campaign.csv", "phone,name\n" + numbers.enumerated().map { "\($1),n\($0)\n" }.joined())
            // Create the database first, so every lane finds it migrated (concurrent creation is covered by
            // eightConcurrentProcessesAllSucceed).
            #expect(try sandbox.exec(["config", "set", "default-country", "US"]).status == 0)
            let environment = sandbox.environment.filter { $0.key != "OPTOUT_BUSY_TIMEOUT_MS" }
            let runStart = Int64(Date().timeIntervalSince1970)
            let keptPath = sandbox.file("kept.csv")

            let operations = SharedList<Operation>()
            let failures = SharedList<String>()
            ParallelLanes.run(lanes) { lane in
                var random = SeededGenerator(seed: StressScale.seed &+ UInt64(lane))
                for index in 0..<operationsPerLane {
                    let number = numbers[Int.random(in: 0..<numbers.count, using: &random)]
                    let tag = "c\(lane)-\(index)"
                    let roll = Int.random(in: 0..<100, using: &random)
                    let kind: Operation.Kind
                    var arguments: [String]
                    switch roll {
                    case 0..<40:
                        kind = .ingest
                        let text = ["STOP", "START", "stop please", "hello", "HELP", "Stop!"].randomElement(using: &random) ?? "STOP"
                        arguments = ["ingest-message", "--from", number, "--text", text, "--id", tag, "--format", "json"]
                        if Bool.random(using: &random) {
                            arguments += ["--at", String(runStart - Int64.random(in: 0..<600, using: &random))]
                        }
                    case 40..<55:
                        kind = .block
                        arguments = ["block", number, "--reason", tag]
                    case 55..<62:
                        kind = .optOut
                        arguments = ["block", "--opt-out", number, "--reason", tag]
                    case 62..<77:
                        kind = .unblock
                        arguments = ["unblock", number, "--reason", tag]
                    case 77..<87:
                        kind = .check
                        arguments = ["check", number]
                    case 87..<94:
                        kind = .export
                        arguments = ["export", "--format", "jsonl"] + (Bool.random(using: &random) ? ["--events"] : [])
                    default:
                        kind = .filter
                        arguments = ["filter-campaign", campaign, "--output", keptPath]
                    }
                    do {
                        let run = try ChildProcess.run(arguments, environment: environment)
                        let tagged = [.ingest, .block, .optOut, .unblock].contains(kind)
                        operations.append(Operation(kind: kind, tag: tagged ? tag : nil, run: run))
                    } catch {
                        failures.append("\(arguments): \(error)")
                    }
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all)")
            let done = operations.all
            #expect(done.count == lanes * operationsPerLane)

            // Every process succeeded; none met a lock past the busy timeout.
            var lockErrors = 0
            for operation in done {
                let run = operation.run
                let allowed: Set<Int32> = operation.kind == .check ? [0, 1] : [0]
                #expect(allowed.contains(run.status), "\(run.arguments) exited \(run.status): \(run.stderr)")
                if run.stderr.contains("database is locked") || run.stderr.contains("busy") || run.status == 75 { lockErrors += 1 }
                #expect(!run.stderr.contains("error:"), "\(run.arguments): \(run.stderr)")
            }
            #expect(lockErrors == 0)

            // What the log must hold for each tagged operation: exactly one event, none, or (a START from a
            // number that never opted out: logged only as a marker when newer) at most one.
            let snapshot = try DatabaseSnapshot(path: sandbox.database)
            #expect(try snapshot.integrity() == "ok")
            let events = try snapshot.events()
            var byTag: [String: Int] = [:]
            for event in events {
                guard let tag = event.messageID ?? event.reason else {
                    Issue.record("event \(event.id) has neither a message id nor a reason")
                    continue
                }
                byTag[tag, default: 0] += 1
            }
            var expectedExactly = 0, expectedNone = 0, markerOrNone = 0
            for operation in done {
                guard let tag = operation.tag else { continue }
                let found = byTag.removeValue(forKey: tag) ?? 0
                switch expectation(operation) {
                case .one:
                    expectedExactly += 1
                    #expect(found == 1, "\(operation.run.arguments) -> \(operation.run.stdout): \(found) events")
                case .none:
                    expectedNone += 1
                    #expect(found == 0, "\(operation.run.arguments) -> \(operation.run.stdout): \(found) events")
                case .atMostOne:
                    markerOrNone += 1
                    #expect(found <= 1, "\(operation.run.arguments) -> \(operation.run.stdout): \(found) events")
                case .unreadable:
                    Issue.record("unreadable output of \(operation.run.arguments): \(operation.run.stdout)")
                }
            }
            #expect(byTag.isEmpty, "events no operation accounts for: \(byTag)")
            let ingests = done.filter { $0.kind == .ingest }.compactMap(\.tag)
            #expect(Set(try snapshot.messageIDs()) == Set(ingests))

            // The final state is what a sequential replay of the log gives.
            let problems = try SequentialReplay.problems(
                events: events, entries: try snapshot.entryRows(), freshPath: sandbox.file("replay.sqlite"))
            #expect(problems.isEmpty, "\(problems)")

            // The shared campaign output is whole: the header and every row that was kept.
            let kept = String(decoding: sandbox.read("kept.csv") ?? Data(), as: UTF8.self)
            if done.contains(where: { $0.kind == .filter }) { #expect(kept.hasPrefix("phone,name\n")) }
            #expect(temporaryFiles(of: "kept.csv", in: sandbox.path).isEmpty)

            let readers = done.filter { [.check, .export, .filter].contains($0.kind) }
            let counts = Dictionary(grouping: done, by: \.kind.rawValue).mapValues(\.count)
            StressScale.report(
                "concurrency: \(lanes) processes x \(operationsPerLane) operations = \(done.count) runs "
                    + counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                    + "; events=\(events.count) (stale=\(events.filter { !$0.applied }.count)) entries=\(try snapshot.entryRows().count)"
                    + "; must-log-once=\(expectedExactly) must-not-log=\(expectedNone) opt-in-markers-checked=\(markerOrNone)"
                    + "; failed=\(done.filter { !($0.kind == .check ? [0, 1] : [0]).contains($0.run.status) }.count)"
                    + " lock-errors=\(lockErrors) replay-differences=\(problems.count)"
                    + " integrity=\(try snapshot.integrity())"
                    + String(format: "; slowest reader %.3f s, slowest writer %.3f s",
                        readers.map(\.run.seconds).max() ?? 0,
                        done.filter { $0.tag != nil }.map(\.run.seconds).max() ?? 0))
        }

        /// How many events an operation's reported outcome must have left in the log.
        enum Expectation { case one, none, atMostOne, unreadable }

        func expectation(_ operation: Operation) -> Expectation {
            let output = operation.run.stdout
            switch operation.kind {
            case .ingest:
                guard let array = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]],
                    let result = array.first, array.count == 1, let action = result["action_taken"] as? String
                else { return .unreadable }
                switch action {
                case "opted-out", "opted-in", "stale", "review-logged": return .one
                case "none": return (result["verdict"] as? String) == "opt-in" ? .atMostOne : .none
                default: return .unreadable
                }
            case .block, .optOut, .unblock:
                guard let outcome = output.split(separator: "\t").last?.trimmingCharacters(in: .newlines) else {
                    return .unreadable
                }
                // Staff changes are never stale: a change is one event, "already …" or "not blocked" none;
                // an unblock says after "; " which suppressions remain.
                let first = outcome.split(separator: ";").first.map(String.init) ?? outcome
                if ["blocked", "opted-out", "unblocked"].contains(first) { return .one }
                if first.hasPrefix("already ") || first == "not blocked" { return .none }
                return .unreadable
            case .check, .export, .filter:
                return .none
            }
        }

        /// Readers never wait for a writer: while another connection holds an open `BEGIN IMMEDIATE`
        /// transaction with an uncommitted change, `check`, `list`, `export` and `filter-campaign` finish at
        /// once (busy timeout set to 20 s, so waiting would show) and see the last committed state; a writer
        /// in the same situation does wait, and gives up with exit 75 past its timeout.
        @Test func readersDoNotWaitForAnOpenWriteTransaction() throws {
            let sandbox = Sandbox()
            #expect(try sandbox.exec(["block", "+15550300001"]).status == 0)
            let campaign = sandbox.write("campaign.csv", "phone\n+15550300001\n+15550300002\n")
            let writer = try OptOutStore(path: sandbox.database)
            // An open write transaction with an uncommitted block, as a long-running writer holds it.
            try writer.database.executeScript("BEGIN IMMEDIATE")
            var blockedEntry = Entry(scope: "default", number: try #require(PhoneNumber(e164: "+15550300002")), changedAt: .now())
            blockedEntry.blocked = FactRecord(value: true, at: .now(), source: .manual)
            try writer.database.execute(EntryColumn.upsert, EntryColumn.allCases.map { $0.value(of: blockedEntry) })

            let patient = ["OPTOUT_BUSY_TIMEOUT_MS": "20000"]
            let check = try timed { try sandbox.exec(["check", "+15550300002"], environment: patient) }
            #expect(check.run.status == 0)
            #expect(check.run.stdout == "+15550300002\tmay receive marketing (active)\n")
            let list = try timed { try sandbox.exec(["list", "--format", "csv"], environment: patient) }
            #expect(list.run.status == 0)
            #expect(list.run.stdout.split(separator: "\n").count == 2)
            let export = try timed { try sandbox.exec(["export", "--events", "--format", "jsonl"], environment: patient) }
            #expect(export.run.status == 0)
            #expect(export.run.stdout.split(separator: "\n").count == 1)
            let filter = try timed {
                try sandbox.exec(["filter-campaign", campaign, "--output", sandbox.file("kept.csv")], environment: patient)
            }
            #expect(filter.run.status == 0)
            #expect(sandbox.read("kept.csv") == Data("phone\n+15550300002\n".utf8))
            for (name, seconds) in [("check", check.seconds), ("list", list.seconds), ("export", export.seconds), ("filter-campaign", filter.seconds)] {
                #expect(seconds < 5, "\(name) took \(seconds) s while a write transaction was open")
            }

            let blocked = try timed { try sandbox.exec(["block", "+15550300003"], environment: ["OPTOUT_BUSY_TIMEOUT_MS": "300"]) }
            #expect(blocked.run.status == 75, "\(blocked.run.stderr)")
            #expect(blocked.seconds >= 0.3)
            try writer.database.executeScript("COMMIT")
            #expect(try sandbox.exec(["check", "+15550300002"]).status == 1)
            StressScale.report(
                String(format: "readers during an open write transaction: check %.3f s, list %.3f s, export %.3f s, filter-campaign %.3f s; a writer gave up after %.3f s with exit %d",
                    check.seconds, list.seconds, export.seconds, filter.seconds, blocked.seconds, blocked.run.status))
        }

        private func timed(_ body: () throws -> RunResult) rethrows -> (run: RunResult, seconds: Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            let run = try body()
            return (run, Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e9)
        }
    }
}
