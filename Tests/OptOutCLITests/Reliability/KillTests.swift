import Foundation
import Testing
import OptOutTestSupport
@testable import OptOutCLI
@testable import OptOutCore

import OptOutPlatform

/// Issue 6, part A, §2: optout killed with SIGKILL at random (seeded) moments. A kill cannot run any
/// cleanup, so what holds must hold by construction: SQLite's WAL transactions for the database, and
/// write-to-temporary-then-rename for output files. Short in CI; `Benchmarks/stress/run.sh` runs the
/// long variant.
extension ReliabilityTests {
    @Suite(.serialized) struct KillTests {
        /// Moments to kill at: uniform over a little more than a clean run, so some kills land before the
        /// database is opened, most during the work, and a few after the process finished. The window
        /// starts at the quickest of the calibration runs and shrinks when a run finishes before its kill
        /// (the machine is shared, so one timing is not enough).
        struct KillClock {
            var window: Double

            init(calibration seconds: [Double]) { window = (seconds.min() ?? 0.1) * 1.15 + 0.005 }

            func next(using random: inout SeededGenerator) -> Double { Double.random(in: 0..<window, using: &random) }

            mutating func observe(killed: Bool) { if !killed { window = max(0.005, window * 0.85) } }
        }

        /// The environment for runs against `database`.
        static func environment(_ sandbox: Sandbox, database: String) -> [String: String] {
            sandbox.environment.merging(["OPTOUT_DB": database]) { $1 }
        }

        // MARK: - ingest-message --jsonl

        /// A `--jsonl` replay with `--batch-size 100`, killed at random moments. After each kill the database
        /// opens and passes `integrity_check`; the recorded message ids are exactly the first k·100 lines
        /// (whole batches, a prefix of the file); the log holds exactly the events a clean run logs for those
        /// lines, in the same order (so every recorded message has all its events and no other line has
        /// any). Re-running the same file then completes the work: the log and the entries equal those of a
        /// clean single run, with no event twice.
        @Test func killedJSONLinesReplayKeepsWholeBatchesAndResumes() throws {
            let lineCount = StressScale.value("JSONL_LINES", ci: 3000, stress: 10000)
            let kills = StressScale.value("KILLS", ci: 10, stress: 200)
            let batch = 100
            let sandbox = Sandbox()
            var random = SeededGenerator(seed: StressScale.seed)
            let base: Int64 = 1_767_225_600
            let texts = ["STOP", "START", "hello", "stop please", "thanks", "Stop", "unsubscribe", "HELP"]
            var ids: [String] = []
            var lines = ""
            for index in 0..<lineCount {
                let id = "j-\(index)"
                ids.append(id)
                let number = "+1557\(String(format: "%07d", Int.random(in: 0..<300, using: &random)))"
                // Mostly in order, some up to a minute late (logged stale).
                let at = base + Int64(index) - (Int.random(in: 0..<10, using: &random) == 0 ? Int64.random(in: 1..<60, using: &random) : 0)
                let text = texts.randomElement(using: &random) ?? "STOP"
                lines += "{\"from\":\"\(number)\",\"text\":\"\(text)\",\"id\":\"\(id)\",\"at\":\(at)}\n"
            }
            let input = sandbox.write("replay.jsonl", lines)
            let arguments = ["ingest-message", "--jsonl", input, "--batch-size", String(batch), "--format", "json"]
            let lineOfID = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })

            // The clean single run everything is compared to.
            let referencePath = sandbox.file("reference.sqlite")
            let clean = try ChildProcess.run(arguments, environment: Self.environment(sandbox, database: referencePath))
            #expect(clean.status == 0, "\(clean.stderr)")
            let reference = try DatabaseSnapshot(path: referencePath)
            let referenceEvents = try reference.events().map(EventFacts.init)
            let referenceEntries = try reference.entryRows()
            #expect(referenceEvents.count > lineCount / 10)
            let scratch = sandbox.file("calibration.sqlite")
            let calibration = try ChildProcess.run(arguments, environment: Self.environment(sandbox, database: scratch))
            var clock = KillClock(calibration: [clean.seconds, calibration.seconds])

            var landed = 0, beforeAnyBatch = 0, partial = 0, finished = 0, batchesSeen = 0
            for attempt in 0..<kills {
                let database = sandbox.file("kill-\(attempt).sqlite")
                let environment = Self.environment(sandbox, database: database)
                let (_, killed) = try ChildProcess.runAndKill(arguments, environment: environment, after: clock.next(using: &random))
                clock.observe(killed: killed)
                if killed { landed += 1 }

                let killedState = try DatabaseSnapshot(path: database)
                #expect(try killedState.integrity() == "ok", "attempt \(attempt)")
                let recorded = try killedState.messageIDs()
                let count = recorded.count
                #expect(count % batch == 0 || count == lineCount, "attempt \(attempt): \(count) lines recorded")
                #expect(Set(recorded) == Set(ids.prefix(count)), "attempt \(attempt): recorded lines are not a prefix")
                let expected = referenceEvents.filter { event in event.messageID.flatMap { lineOfID[$0] }.map { $0 < count } ?? false }
                let events = try killedState.events().map(EventFacts.init)
                #expect(events == expected, "attempt \(attempt): \(events.count) events for \(count) lines, expected \(expected.count)")
                if count == 0 { beforeAnyBatch += 1 } else if count < lineCount { partial += 1 } else { finished += 1 }
                batchesSeen += count / batch

                let resumed = try ChildProcess.run(arguments, environment: environment)
                #expect(resumed.status == 0, "attempt \(attempt): \(resumed.stderr)")
                let final = try DatabaseSnapshot(path: database)
                let finalEvents = try final.events().map(EventFacts.init)
                #expect(finalEvents == referenceEvents, "attempt \(attempt): \(finalEvents.count) events after resuming")
                #expect(try final.entryRows() == referenceEntries, "attempt \(attempt)")
                #expect(try final.count("SELECT count(*) FROM inbound_messages") == lineCount)
                #expect(try final.count("SELECT count(*) - count(DISTINCT message_id) FROM events") == 0)
                #expect(try final.integrity() == "ok")
                for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
            }
            StressScale.report(
                "jsonl replay: \(lineCount) lines, batch \(batch), clean run \(String(format: "%.3f", min(clean.seconds, calibration.seconds))) s, \(referenceEvents.count) events; "
                    + "\(kills) kills (\(landed) landed while running): \(beforeAnyBatch) before any batch, \(partial) mid-replay "
                    + "(\(batchesSeen) whole batches found in total), \(finished) after the last batch; "
                    + "all \(kills) opened with integrity ok, prefix of whole batches, events equal to a clean run's for those lines; "
                    + "all \(kills) resumed to the clean run's events and entries, 0 duplicate events")
        }

        // MARK: - block --file

        /// A bulk `block --file` (one transaction) killed at random moments: the database opens, passes
        /// `integrity_check`, and holds all of the numbers or none; re-running completes it with exactly
        /// one block event per number.
        @Test func killedBulkBlockIsAllOrNothingAndResumes() throws {
            let numberCount = StressScale.value("BLOCK_NUMBERS", ci: 3000, stress: 20000)
            let kills = StressScale.value("KILLS", ci: 10, stress: 200)
            let sandbox = Sandbox()
            var random = SeededGenerator(seed: StressScale.seed &+ 1)
            let file = sandbox.write("numbers.txt", (0..<numberCount).map { "+1558\(String(format: "%07d", $0))\n" }.joined())
            let arguments = ["block", "--file", file, "--reason", "bulk"]

            let referencePath = sandbox.file("reference.sqlite")
            let clean = try ChildProcess.run(arguments, environment: Self.environment(sandbox, database: referencePath))
            #expect(clean.status == 0, "\(clean.stderr)")
            let calibration = try ChildProcess.run(arguments, environment: Self.environment(sandbox, database: sandbox.file("calibration.sqlite")))
            var clock = KillClock(calibration: [clean.seconds, calibration.seconds])

            var landed = 0, none = 0, all = 0
            for attempt in 0..<kills {
                let database = sandbox.file("kill-\(attempt).sqlite")
                let environment = Self.environment(sandbox, database: database)
                let (_, killed) = try ChildProcess.runAndKill(arguments, environment: environment, after: clock.next(using: &random))
                clock.observe(killed: killed)
                if killed { landed += 1 }
                let killedState = try DatabaseSnapshot(path: database)
                #expect(try killedState.integrity() == "ok", "attempt \(attempt)")
                let events = try killedState.count("SELECT count(*) FROM events")
                let blocked = try killedState.count("SELECT count(*) FROM entries WHERE blocked = 1")
                #expect(events == 0 || events == numberCount, "attempt \(attempt): \(events) of \(numberCount) block events")
                #expect(blocked == events, "attempt \(attempt)")
                if events == 0 { none += 1 } else { all += 1 }

                let resumed = try ChildProcess.run(arguments, environment: environment)
                #expect(resumed.status == 0, "attempt \(attempt): \(resumed.stderr)")
                let final = try DatabaseSnapshot(path: database)
                #expect(try final.count("SELECT count(*) FROM events WHERE action = 'block'") == numberCount)
                #expect(try final.count("SELECT count(DISTINCT number) FROM events") == numberCount)
                #expect(try final.count("SELECT count(*) FROM entries WHERE status = 'blocked'") == numberCount)
                #expect(try final.integrity() == "ok")
                for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
            }
            StressScale.report(
                "block --file: \(numberCount) numbers, clean run \(String(format: "%.3f", min(clean.seconds, calibration.seconds))) s; "
                    + "\(kills) kills (\(landed) landed while running): \(none) left none of the numbers, \(all) all of them, 0 some; "
                    + "all \(kills) opened with integrity ok and resumed to exactly \(numberCount) block events")
        }

        // MARK: - Output files

        /// `filter-campaign --output` and `export --output` killed at random moments never leave a partial
        /// file at the path: there is either no file or the whole, correct one. A kill may leave the hidden
        /// temporary file (`.NAME.tmp-XXXXXX`, mode 0600) behind; the next successful run for the same path
        /// removes it.
        @Test func killedOutputsLeaveNoPartialFile() throws {
            let kills = StressScale.value("KILLS", ci: 10, stress: 200)
            let rows = StressScale.value("CAMPAIGN_ROWS", ci: 40000, stress: 400_000)
            let sandbox = Sandbox()
            var random = SeededGenerator(seed: StressScale.seed &+ 2)
            let database = sandbox.database
            let blocked = sandbox.write("blocked.txt", (0..<rows / 10).map { "+1559\(String(format: "%07d", $0 * 7))\n" }.joined())
            #expect(try sandbox.exec(["block", "--file", blocked]).status == 0)
            var csv = "phone,name\n"
            csv.reserveCapacity(rows * 24)
            for index in 0..<rows { csv += "+1559\(String(format: "%07d", index)),name \(index)\n" }
            let campaign = sandbox.write("campaign.csv", csv)
            let environment = Self.environment(sandbox, database: database)

            let jobs: [(name: String, arguments: [String])] = [
                ("kept.csv", ["filter-campaign", campaign, "--output", sandbox.file("kept.csv")]),
                ("export.json", ["export", "--events", "--format", "json", "--output", sandbox.file("export.json")]),
            ]
            var summary: [String] = []
            for job in jobs {
                let path = sandbox.file(job.name)
                let clean = try ChildProcess.run(job.arguments, environment: environment)
                #expect(clean.status == 0, "\(clean.stderr)")
                let whole = try #require(sandbox.read(job.name))
                #expect(whole.count > 1000)
                let calibration = try ChildProcess.run(job.arguments, environment: environment)
                unlink(path)
                var clock = KillClock(calibration: [clean.seconds, calibration.seconds])

                var absent = 0, complete = 0, leftTemporary = 0, landed = 0, orphaned = 0
                var before: Set<String> = []
                for attempt in 0..<kills {
                    let (_, killed) = try ChildProcess.runAndKill(job.arguments, environment: environment, after: clock.next(using: &random))
                    clock.observe(killed: killed)
                    if killed { landed += 1 }
                    if let found = sandbox.read(job.name) {
                        #expect(found == whole, "\(job.name) attempt \(attempt): a partial file of \(found.count) bytes")
                        complete += 1
                        unlink(path)
                    } else {
                        absent += 1
                    }
                    let temporaries = temporaryFiles(of: job.name, in: sandbox.path)
                    orphaned += Set(temporaries).subtracting(before).count
                    for name in temporaries {
                        let mode = (try? FileManager.default.attributesOfItem(atPath: sandbox.file(name)))?[.posixPermissions] as? Int
                        #expect(mode == 0o600, "\(name) has mode \(String(mode ?? 0, radix: 8))")
                    }
                    leftTemporary = temporaries.count
                    before = Set(temporaries)
                }
                // The next successful run writes the whole file and clears the temporaries kills left.
                let after = try ChildProcess.run(job.arguments, environment: environment)
                #expect(after.status == 0)
                #expect(sandbox.read(job.name) == whole)
                let remaining = temporaryFiles(of: job.name, in: sandbox.path)
                #expect(remaining.isEmpty, "\(remaining)")
                summary.append(
                    "\(job.arguments[0]) --output (\(whole.count) bytes, clean run \(String(format: "%.3f", min(clean.seconds, calibration.seconds))) s): "
                        + "\(kills) kills (\(landed) landed while running): \(absent) left no file, \(complete) the whole file, 0 a partial one; "
                        + "\(orphaned) kills left a hidden temporary file (a run that completed removed the earlier ones), "
                        + "\(leftTemporary) were there before the next run, \(remaining.count) after it")
            }
            StressScale.report(summary.joined(separator: "; "))
        }
    }
}

extension ReliabilityTests.KillTests {
    /// The clean-up of temporaries killed runs left touches only orphans: a temporary file another live
    /// writer holds (locked) survives and that writer still commits; a name that is not exactly
    /// `.NAME.tmp-` plus six characters is left alone.
    @Test func orphanCleanupSparesLiveWritersAndOtherNames() throws {
        let sandbox = Sandbox()
        let path = sandbox.file("out.csv")
        let orphan = sandbox.write(".out.csv.tmp-AbC123", "partial")
        let lookalike = sandbox.write(".out.csv.tmp-AbC1234", "not ours")
        let other = sandbox.write(".other.csv.tmp-AbC123", "another output's")
        let live = try AtomicFile(path: path)
        try live.sink.write("live\n")
        let next = try AtomicFile(path: path)
        try next.sink.write("next\n")
        try next.commit()
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(FileManager.default.fileExists(atPath: live.temporaryPath))
        #expect(FileManager.default.fileExists(atPath: lookalike))
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(sandbox.read("out.csv") == Data("next\n".utf8))
        try live.commit()
        #expect(sandbox.read("out.csv") == Data("live\n".utf8))
        #expect(temporaryFiles(of: "out.csv", in: sandbox.path) == [".out.csv.tmp-AbC1234"])
    }
}
