import Foundation
import OptOutPlatform
import OptOutTestSupport
import Testing
@testable import OptOutCLI
@testable import OptOutCore

/// The result of running optout, in-process or as the built binary.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A temporary folder with a database path, removed when released.
///
/// The database exists (empty, with optout's schema) unless `withDatabase` is false: commands that
/// only read refuse a database path that does not exist.
final class Sandbox {
    let folder = TemporaryFolder()
    var path: String { folder.path }
    var database: String { path + "/optout.sqlite" }

    init(withDatabase: Bool = true) {
        if withDatabase {
            do { _ = try OptOutStore(path: database) } catch { Issue.record("cannot create the sandbox database: \(error)") }
        }
    }

    func file(_ name: String) -> String { folder.file(name) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { folder.write(name, text) }

    func read(_ name: String) -> Data? { FileManager.default.contents(atPath: file(name)) }

    /// The environment for a run: the database here, a fixed actor, no default country.
    var environment: [String: String] {
        ["OPTOUT_DB": database, "OPTOUT_ACTOR": "tester", "HOME": path, "PATH": "/usr/bin:/bin"]
    }

    /// Runs optout in-process with this sandbox's environment.
    func run(_ arguments: [String], environment extra: [String: String] = [:], at seconds: Int64? = nil) -> RunResult {
        let output = OutputStream()
        let errors = OutputStream()
        let now: () -> Timestamp = seconds.map { value in { Timestamp(seconds: value) } } ?? Timestamp.now
        let context = CommandContext(
            environment: environment.merging(extra) { $1 }, standardOutput: output, standardError: errors,
            standardInput: -1, now: now)
        let status = OptOutCommandLine.run(arguments, context: context)
        return RunResult(status: status, stdout: output.capturedText, stderr: errors.capturedText)
    }

    /// Runs the built `optout` binary as a separate process.
    func exec(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil) throws -> RunResult {
        try runProcess(OptOutBinary.path, arguments, environment: environment.merging(extra) { $1 }, stdin: stdin)
    }
}

/// Runs `executable` with `arguments`, feeding `stdin`, and collects its exit status and output.
func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String], stdin: String? = nil
) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// The `optout` executable end-to-end tests run: `OPTOUT_TEST_BINARY` when set (the stress scripts
/// point it at a release build), else the one `swift build` put beside the test bundle.
enum OptOutBinary {
    static let path: String = {
        if let given = ProcessInfo.processInfo.environment["OPTOUT_TEST_BINARY"], !given.isEmpty { return given }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // On macOS the tests run inside an .xctest bundle; on Linux beside the products.
        while folder.path != "/" && !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("optout").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("optout").path
    }()

    /// Whether the C library is glibc, whose loader traces what it opens under `LD_DEBUG`.
    static var isGlibc: Bool { systemCLibrary == "glibc" }
}

/// `sha256=` and the hex HMAC-SHA256 of `body` keyed by `secret`: Meta's `X-Hub-Signature-256`.
/// Without libcrypto, a signature no body matches, so the test that needs it fails.
func metaSignature(_ body: [UInt8], secret: String) -> String {
    "sha256=" + ((try? MessageAuthentication.hmac(.sha256, key: Array(secret.utf8), message: body)).map(MessageAuthentication.hex) ?? "")
}

/// Starts `count` processes that each record `messages` STOPs with `ingest-message --jsonl --batch-size 1`
/// (one transaction a message) on the sandbox's database, from numbers `+1<area><writer><index>` with
/// message ids `<tag><writer>-<index>`, each waiting up to `busyTimeout` ms for the lock;
/// `waitUntilExit` and `terminationStatus` tell how they ended.
func startWriters(
    _ sandbox: Sandbox, count: Int, messages: Int, area: String, tag: String, busyTimeout: Int
) throws -> [Process] {
    var writers: [Process] = []
    for writer in 0..<count {
        var lines = ""
        for index in 0..<messages {
            lines += #"{"from":"+1\#(area)\#(writer)\#(String(format: "%06d", index))","text":"STOP","id":"\#(tag)\#(writer)-\#(index)"}"# + "\n"
        }
        let input = sandbox.write("writer\(writer).jsonl", lines)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OptOutBinary.path)
        process.arguments = ["ingest-message", "--jsonl", input, "--batch-size", "1"]
        process.environment = sandbox.environment.merging(["OPTOUT_BUSY_TIMEOUT_MS": String(busyTimeout)]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        writers.append(process)
    }
    return writers
}
