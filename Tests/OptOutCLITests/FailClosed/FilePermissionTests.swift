import Foundation
import OptOutPlatform
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// Files another user could change are refused before SQLite opens them (77); new files are 0600, or
/// OPTOUT_FILE_MODE for a team that shares a database through a group.
@Suite struct FilePermissionTests {
    @Test func aDatabaseWritableByOthersIsRefused() throws {
        let sandbox = Sandbox()
        #expect(chmod(sandbox.database, 0o666) == 0)
        let result = try sandbox.exec(["check", "+12125550101"])
        #expect(result.status == 77)
        #expect(result.stderr == "optout: error: \(sandbox.database) is writable by others (mode 0666); run chmod o-w \(sandbox.database)\n")
    }

    @Test func aPlantedWriteAheadLogOfAnotherOwnerIsRefused() throws {
        guard geteuid() == 0 else { return }  // only root can give a file to another owner
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+12125550101"]).status == 0)
        let wal = sandbox.write("optout.sqlite-wal", "")
        #expect(chown(wal, 4242, 4242) == 0)
        let result = try sandbox.exec(["check", "+12125550101"])
        #expect(result.status == 77)
        #expect(result.stderr.hasPrefix("optout: error: \(wal) belongs to user 4242, not to the database's owner (0)"))
        // Nothing was opened: the planted file is still there, empty, and the block stands.
        #expect(readFile(wal) == [])
        #expect(unlink(wal) == 0)
        #expect(try sandbox.exec(["check", "+12125550101"]).status == 1)
    }

    @Test func aWorldWritableFolderWithoutTheStickyBitIsRefused() throws {
        let sandbox = Sandbox(withDatabase: false)
        let folder = sandbox.file("shared")
        #expect(mkdir(folder, 0o777) == 0 && chmod(folder, 0o777) == 0)
        let result = try sandbox.exec(["block", "+12125550101", "--db", folder + "/optout.sqlite"])
        #expect(result.status == 77)
        #expect(result.stderr.hasPrefix("optout: error: folder \(folder) is writable by others without the sticky bit"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? ["?"]).isEmpty)
        #expect(chmod(folder, 0o1777) == 0)
        #expect(try sandbox.exec(["block", "+12125550101", "--db", folder + "/optout.sqlite"]).status == 0)
    }

    @Test func newFilesFollowOPTOUT_FILE_MODE() throws {
        let sandbox = Sandbox(withDatabase: false)
        let environment = ["OPTOUT_FILE_MODE": "0640"]
        #expect(try sandbox.exec(["block", "+12125550101"], environment: environment).status == 0)
        #expect(permissions(sandbox.database) == 0o640)
        #expect(try sandbox.exec(["export", "--output", sandbox.file("out.csv")], environment: environment).status == 0)
        #expect(permissions(sandbox.file("out.csv")) == 0o640)
        for bad in ["0666", "0644", "0700", "600x", "0400"] {
            let result = try sandbox.exec(["list"], environment: ["OPTOUT_FILE_MODE": bad])
            #expect(result.status == 64, "\(bad)")
            #expect(result.stderr.hasPrefix("optout: error: OPTOUT_FILE_MODE must be an octal mode from 0600 to 0660"), "\(bad)")
        }
    }

    @Test func everyEventRecordsTheOSUser() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.exec(["block", "+12125550101"], environment: ["OPTOUT_ACTOR": "someone-else"]).status == 0)
        let expected = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        let event = try sandbox.exec(["export", "--events", "--format", "jsonl"]).stdout
        #expect(event.contains(#""actor":"someone-else""#) && event.contains(#""os_user":"\#(expected)""#))
        #expect(try sandbox.exec(["show", "+12125550101"]).stdout.contains("by someone-else (os user \(expected))"))
    }
}

/// What a customer sent or was told commits with synchronous=FULL; the rest with NORMAL.
@Suite struct DurabilityTests {
    @Test func ingestCommitsWithFullSynchronous() throws {
        let folder = TemporaryFolder()
        let store = try OptOutStore(path: folder.file("optout.sqlite"))
        #expect(try store.database.scalarInt("PRAGMA synchronous") == 1)
        let ingester = try MessageIngester(
            store: store, scope: "default", actor: "t", normalizer: PhoneNormalizer(), now: Timestamp(seconds: 1_000))
        _ = try ingester.record([InboundItem(sender: "+12125550101", messageID: "m", at: nil, content: .text("STOP"), origin: "t")])
        #expect(try store.database.scalarInt("PRAGMA synchronous") == 2)  // FULL
        try store.record(
            NewEvent(scope: "default", number: PhoneNumber(e164: "+12125550102")!, action: .block, source: .manual, at: Timestamp(seconds: 1)),
            recordedAt: Timestamp(seconds: 1))
        #expect(try store.database.scalarInt("PRAGMA synchronous") == 1)  // back to NORMAL for a staff block
    }
}
