import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// The closed-output policy, through real pipes: a reader that stops early (`| head -1`) ends a
/// streaming command quietly with exit 0, except `export --cursor`, which exits 74 and leaves its cursor
/// where it was. Every output here is several pipe buffers long, so the command is still writing
/// when `head` exits and its next write fails with EPIPE.
@Suite struct ClosedOutputTests {
    /// 20,000 numbers, one a line: +1555100xxxx.
    static let numbers = (0..<20_000).map { String(format: "+1555%07d", $0) }

    /// A sandbox whose database has the 20,000 numbers blocked.
    func blockedSandbox() throws -> Sandbox {
        let sandbox = Sandbox()
        let file = sandbox.write("numbers.txt", Self.numbers.joined(separator: "\n") + "\n")
        let blocked = try sandbox.exec(["block", "--file", file, "--reason", "bulk"])
        #expect(blocked.status == 0, "\(blocked.stderr)")
        return sandbox
    }

    /// Runs `optout ARGUMENTS | head -1` in bash and returns optout's own exit status, its standard
    /// error and the one line head printed.
    func throughHead(_ sandbox: Sandbox, _ arguments: [String], stdin: String? = nil) throws -> RunResult {
        let script = #"""
            "$@" 2>"$OPTOUT_STDERR" | head -n 1 > "$OPTOUT_FIRST"
            echo "${PIPESTATUS[0]}"
            """#
        let stderrPath = sandbox.file("stderr.txt"), firstPath = sandbox.file("first.txt")
        let result = try runProcess(
            "/bin/bash", ["-c", script, "bash", OptOutBinary.path] + arguments,
            environment: sandbox.environment.merging(["OPTOUT_STDERR": stderrPath, "OPTOUT_FIRST": firstPath]) { $1 },
            stdin: stdin)
        let status = Int32(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        let stderr = String(decoding: sandbox.read("stderr.txt") ?? Data(), as: UTF8.self)
        let first = String(decoding: sandbox.read("first.txt") ?? Data(), as: UTF8.self)
        return RunResult(status: status, stdout: first, stderr: stderr)
    }

    @Test func listEndsQuietly() throws {
        let sandbox = try blockedSandbox()
        let result = try throughHead(sandbox, ["list", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("number,scope,status"))
    }

    @Test func exportEndsQuietly() throws {
        let sandbox = try blockedSandbox()
        for arguments in [["export"], ["export", "--events", "--format", "jsonl"]] {
            let result = try throughHead(sandbox, arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stderr == "", "\(arguments)")
        }
    }

    @Test func exportWithACursorFailsAndKeepsTheCursor() throws {
        let sandbox = try blockedSandbox()
        let result = try throughHead(sandbox, ["export", "--events", "--cursor", "crm"])
        #expect(result.status == 74)
        #expect(result.stderr == "optout: error: standard output was closed before the output was complete\n")
        // The cursor did not move: the next run gets every event, from the first.
        let again = try sandbox.exec(["export", "--events", "--cursor", "crm", "--format", "jsonl"])
        #expect(again.status == 0)
        #expect(again.stdout.split(separator: "\n").count == Self.numbers.count)
        #expect(again.stdout.hasPrefix(#"{"event_id":1,"#))
    }

    @Test func filterCampaignEndsQuietly() throws {
        let sandbox = Sandbox()
        let csv = sandbox.write("campaign.csv", "phone\n" + Self.numbers.joined(separator: "\n") + "\n")
        let result = try throughHead(sandbox, ["filter-campaign", csv])
        #expect(result.status == 0)
        #expect(result.stdout == "phone\n")
        #expect(!result.stderr.contains("error"))
    }

    @Test func ingestMessageEndsQuietlyAfterRecording() throws {
        let sandbox = Sandbox()
        let lines = Self.numbers.prefix(5_000).enumerated().map { index, number in
            #"{"from":"\#(number)","text":"STOP","id":"m\#(index)"}"#
        }
        let result = try throughHead(sandbox, ["ingest-message", "--jsonl", "-", "--format", "json"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix(#"{"message_id":"m0","#))
    }

    @Test func normalizeEndsQuietly() throws {
        let sandbox = Sandbox()
        let file = sandbox.write("numbers.txt", Self.numbers.joined(separator: "\n") + "\n")
        let result = try throughHead(sandbox, ["normalize", "--file", file])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == "+15550000000\t+15550000000\n")
    }

    @Test func aFullDiskIsStillAnError() throws {
        // Not every write failure is a closed pipe: /dev/full fails with ENOSPC, which is exit 74.
        let sandbox = try blockedSandbox()
        let result = try runProcess(
            "/bin/bash", ["-c", #""$@" > /dev/full"#, "bash", OptOutBinary.path, "export"],
            environment: sandbox.environment)
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("optout: error: cannot write standard output: No space left on device"))
    }
}
