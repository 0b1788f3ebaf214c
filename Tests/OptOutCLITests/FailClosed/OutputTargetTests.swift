import Foundation
import OptOutPlatform
import OptOutTestSupport
import Testing

/// Outputs are written as their target says: regular files atomically, devices and FIFOs in place, a
/// symlink's target replaced with the link kept; an output that is the database, the input or the other
/// output is refused before anything is read.
@Suite struct OutputTargetTests {
    func blocked() throws -> Sandbox {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+12125550101"]).status == 0)
        return sandbox
    }

    func fileType(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    @Test func aCharacterDeviceIsWrittenInPlace() throws {
        let sandbox = try blocked()
        let csv = sandbox.write("in.csv", "phone\n+12125550101\n+12125550102\n")
        for arguments in [["export", "--output", "/dev/null"], ["filter-campaign", csv, "--output", "/dev/null", "--rejected", "/dev/null"]] {
            let result = try sandbox.exec(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(fileType("/dev/null") == S_IFCHR, "\(arguments) replaced /dev/null")
        }
        #expect(!sandbox.folder.names().contains { $0.contains(".tmp-") })
    }

    @Test func aFIFOWithAReaderIsWrittenInPlace() throws {
        let sandbox = try blocked()
        let fifo = sandbox.file("feed")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo, sandbox.file("received.csv")]
        try reader.run()
        let result = try sandbox.exec(["export", "--output", fifo])
        reader.waitUntilExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fileType(fifo) == S_IFIFO)
        let received = String(decoding: sandbox.read("received.csv") ?? Data(), as: UTF8.self)
        #expect(received.hasPrefix("number,scope,status"))
        #expect(received.contains("+12125550101,default,blocked"))
    }

    @Test func aSymlinkIsFollowedAndItsTargetReplacedAtomically() throws {
        let sandbox = try blocked()
        let folder = sandbox.file("feeds")
        #expect(mkdir(folder, 0o700) == 0)
        sandbox.write("feeds/real.csv", "old\n")
        #expect(symlink("feeds/real.csv", sandbox.file("link.csv")) == 0)
        let result = try sandbox.exec(["export", "--output", sandbox.file("link.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fileType(sandbox.file("link.csv")) == S_IFLNK)
        #expect(String(decoding: sandbox.read("feeds/real.csv") ?? Data(), as: UTF8.self).hasPrefix("number,scope,status"))
        #expect(permissions(sandbox.file("feeds/real.csv")) == 0o600)
        #expect(sandbox.folder.names().filter { !$0.hasPrefix("optout.sqlite") } == ["feeds", "link.csv"])
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []) == ["real.csv"])
    }

    @Test func theDatabaseAndItsFilesAreRefusedAsOutputs() throws {
        let sandbox = try blocked()
        let before = readFile(sandbox.database)
        for suffix in ["", "-wal", "-shm"] {
            let result = try sandbox.exec(["export", "--output", sandbox.database + suffix])
            #expect(result.status == 64, "\(suffix)")
            #expect(result.stderr.hasPrefix("optout: error: --output \(sandbox.database + suffix) is the database (\(sandbox.database)) or one of its files; write elsewhere\n"))
        }
        #expect(readFile(sandbox.database) == before)
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 1)
    }

    @Test func anOutputThatIsTheInputOrTheOtherOutputIsRefused() throws {
        let sandbox = try blocked()
        let csv = sandbox.write("x.csv", "phone\n+12125550101\n")
        let same = try sandbox.exec(["filter-campaign", csv, "--output", sandbox.file("a.csv"), "--rejected", sandbox.path + "/./a.csv"])
        #expect(same.status == 64)
        #expect(same.stderr.hasPrefix("optout: error: --output and --rejected name the same file (\(sandbox.path)/./a.csv); give them different files\n"))
        let input = try sandbox.exec(["filter-campaign", csv, "--rejected", csv])
        #expect(input.status == 64)
        #expect(input.stderr.hasPrefix("optout: error: --rejected \(csv) is the input; it would be replaced before it is read\n"))
        #expect(readFile(csv) == Array("phone\n+12125550101\n".utf8))
        #expect(!sandbox.folder.names().contains("a.csv"))
    }
}

/// A read-only command naming a scope that was never used is refused, with the known scopes listed.
@Suite struct UnknownScopeTests {
    @Test func aMistypedScopeIsAUsageErrorListingTheKnownOnes() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+12125550101", "--scope", "brandA"]).status == 0)
        let csv = sandbox.write("in.csv", "phone\n+12125550101\n")
        for arguments in [["check", "+12125550101"], ["filter-campaign", csv], ["list"], ["export"], ["config", "list"]] {
            let result = try sandbox.exec(arguments + ["--scope", "brnadA"])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout == "", "\(arguments)")
            #expect(result.stderr.hasPrefix(
                "optout: error: unknown scope 'brnadA': it has no entries, events or settings; known scopes: brandA, default\n"), "\(arguments)")
        }
        #expect(try sandbox.exec(["check", "+12125550101", "--scope", "brandA"]).status == 1)
        #expect(try sandbox.exec(["check", "+12125550101"], environment: ["OPTOUT_SCOPE": "brandA"]).status == 1)
    }

    @Test func scopesListsEveryScopeWithItsCounts() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+12125550101", "+12125550102", "--scope", "brandA"]).status == 0)
        #expect(try sandbox.exec(["config", "set", "reply.help", "Call us.", "--scope", "brandB"]).status == 0)
        let csv = try sandbox.exec(["scopes", "--format", "csv"])
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(4).joined(separator: ",") }
        #expect(rows == ["scope,entries,events,settings", "brandA,2,2,0", "brandB,0,0,1", "default,0,0,0"])
        let table = try sandbox.exec(["scopes"])
        #expect(table.stdout.hasPrefix("SCOPE            ENTRIES"))
    }
}
