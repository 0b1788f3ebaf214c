import Foundation
import Testing

/// A database the process may read but not write: readers work, writers get exit 73, nothing changes.
///
/// Root ignores file permissions, so when the suite runs as root the binary is run as `nobody` through
/// `setpriv`; elsewhere the files are simply made read-only.
@Suite struct ReadOnlyDatabaseTests {
    /// The command prefix that runs optout without write permission, or nil when that is impossible.
    static func unprivileged(_ sandbox: Sandbox) throws -> [String]? {
        let copy = sandbox.file("bin/optout")
        try FileManager.default.createDirectory(atPath: sandbox.file("bin"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: OptOutBinary.path, toPath: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.file("bin"))
        guard getuid() == 0 else { return [copy] }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", copy]
    }

    func run(_ command: [String], _ arguments: [String], environment: [String: String]) throws -> RunResult {
        try runProcess(command[0], Array(command.dropFirst()) + arguments, environment: environment)
    }

    @Test func readersWorkWritersAreRefusedAndNothingChanges() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+15551234567"]).status == 0)
        guard let command = try Self.unprivileged(sandbox) else { return }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: sandbox.database)
        let before = sandbox.read("optout.sqlite")
        let environment = sandbox.environment

        let check = try run(command, ["check", "+15551234567"], environment: environment)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout == "+15551234567\tmay not receive marketing: blocked\n")
        let list = try run(command, ["list", "--format", "jsonl"], environment: environment)
        #expect(list.status == 0)
        #expect(list.stdout.contains("\"number\":\"+15551234567\""))

        let block = try run(command, ["block", "+15557654321"], environment: environment)
        #expect(block.status == 73)
        #expect(block.stderr == "optout: error: database \(sandbox.database) is read-only (no permission to write it or its folder)\n")
        #expect(sandbox.read("optout.sqlite") == before)
    }

    @Test func readOnlyFolderCannotHoldANewDatabase() throws {
        let sandbox = Sandbox()
        guard let command = try Self.unprivileged(sandbox) else { return }
        let path = sandbox.file("new.sqlite")
        if getuid() != 0 { try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: sandbox.path) }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.path) }
        let result = try run(command, ["block", "+15551234567", "--db", path], environment: sandbox.environment)
        #expect(result.status == 73)
        #expect(result.stderr == "optout: error: cannot create database \(path): Permission denied\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
