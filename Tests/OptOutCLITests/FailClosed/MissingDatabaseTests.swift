import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// A database path that does not exist is never answered from an empty database: read-only commands
/// exit 66 and create nothing; writing commands create it and say so; the default database is created
/// by any command. A file that is not optout's is refused untouched.
@Suite struct MissingDatabaseTests {
    static let readOnly: [[String]] = [
        ["check", "+12125550101"], ["show", "+12125550101"], ["list"], ["export"], ["export", "--events", "--cursor", "crm"],
        ["config", "list"], ["config", "get", "opt-out-applies-to"], ["config", "history"], ["scopes"],
    ]

    @Test(arguments: readOnly)
    func aTypoedDatabaseIsRefusedByReadOnlyCommands(arguments: [String]) throws {
        let sandbox = Sandbox(withDatabase: false)
        let typo = sandbox.file("typo.sqlite")
        let result = try sandbox.exec(arguments + ["--db", typo])
        #expect(result.status == 66, "\(arguments): \(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr == "optout: error: no database at \(typo)\n")
        #expect(sandbox.folder.names().isEmpty, "\(arguments) created \(sandbox.folder.names())")
    }

    @Test func filterCampaignRefusesATypoedDatabaseBeforeWritingAnything() throws {
        let sandbox = Sandbox(withDatabase: false)
        let csv = sandbox.write("in.csv", "phone\n+12125550101\n")
        let result = try sandbox.exec(["filter-campaign", csv, "--output", sandbox.file("out.csv")], environment: ["OPTOUT_DB": sandbox.file("typo.sqlite")])
        #expect(result.status == 66)
        #expect(sandbox.folder.names() == ["in.csv"])
    }

    @Test func writingCommandsCreateTheDatabaseAndSaySo() throws {
        for arguments in [["block", "+12125550101"], ["ingest-message", "--from", "+12125550101", "--text", "hi"], ["config", "set", "default-country", "US"]] {
            let sandbox = Sandbox(withDatabase: false)
            let result = try sandbox.exec(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "optout: created database \(sandbox.database)\n", "\(arguments)")
            #expect(permissions(sandbox.database) == 0o600)
            // Said once: the second run finds it.
            #expect(try sandbox.exec(arguments).stderr == "", "\(arguments)")
        }
    }

    @Test func theDefaultDatabaseIsCreatedByAnyCommand() throws {
        let sandbox = Sandbox(withDatabase: false)
        var environment = sandbox.environment
        environment["OPTOUT_DB"] = nil
        let result = try runProcess(OptOutBinary.path, ["check", "+12125550101"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout == "+12125550101\tmay receive marketing (active)\n")
        #expect(result.stderr == "")
        let created = sandbox.path + "/.local/share/optout/optout.sqlite"
        #expect(FileManager.default.fileExists(atPath: created))
        #expect(permissions(sandbox.path + "/.local/share/optout") == 0o700)
    }

    @Test func anotherApplicationsSQLiteFileIsRefusedUntouched() throws {
        let sandbox = Sandbox(withDatabase: false)
        let foreign = sandbox.file("app.sqlite")
        do {
            let database = try Database(path: foreign)
            try database.executeScript("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('a')")
        }
        let before = readFile(foreign)
        for arguments in [["block", "+12125550101"], ["check", "+12125550101"], ["list"]] {
            let result = try sandbox.exec(arguments + ["--db", foreign])
            #expect(result.status == 65, "\(arguments)")
            #expect(result.stderr == "optout: error: \(foreign) is an SQLite database of another application (no optout schema); refusing to touch it\n")
        }
        #expect(readFile(foreign) == before)
        #expect(sandbox.folder.names() == ["app.sqlite"], "no -wal or -shm: the journal mode was not switched")
    }

    @Test func unknownSchemaVersionsAreRefusedWithoutACrash() throws {
        for version in [-5, 99, 2_147_483_647] {
            let sandbox = Sandbox()
            do {
                let database = try Database(path: sandbox.database)
                try database.executeScript("PRAGMA user_version = \(version)")
            }
            let result = try sandbox.exec(["check", "+12125550101"])
            #expect(result.status == 65, "\(version): \(result.stderr)")
            let message = version < 0
                ? "which no release of optout writes; refusing to touch it"
                : "newer than this optout understands (\(Schema.version)); upgrade optout"
            #expect(result.stderr == "optout: error: database \(sandbox.database) has schema version \(version), \(message)\n")
        }
    }

    @Test func aDatabaseOfTheFirstReleaseIsAdoptedAndMigratedKeepingEverything() throws {
        let sandbox = Sandbox(withDatabase: false)
        // A database as the first release wrote it: schema version 1, no marker.
        let key = Int64(bitPattern: try #require(PhoneNumber(e164: "+12125550101")).matchKey)
        do {
            let database = try Database(path: sandbox.database)
            try database.executeScript(Schema.migrations[0] + "; PRAGMA user_version = 1")
            try database.executeScript("""
                INSERT INTO entries VALUES ('default', \(key), '+12125550101', 'opted-out', 1000, 'keyword', 0, NULL, NULL, 0, NULL, NULL, 'opted-out', 1000, 'x', NULL);
                INSERT INTO events (scope, match_key, number, action, source, at, recorded_at, applied) VALUES ('default', \(key), '+12125550101', 'opt-out', 'keyword', 1000, 1000, 1);
                INSERT INTO settings VALUES ('reply.help', 'Call us.');
                """)
        }
        let check = try sandbox.exec(["check", "+12125550101"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(try sandbox.exec(["config", "get", "reply.help"]).stdout == "Call us.\n")
        let store = try OptOutStore(path: sandbox.database, opening: .read)
        #expect(try store.database.scalarInt("PRAGMA application_id") == Schema.applicationID)
        #expect(try store.database.scalarInt("PRAGMA user_version") == Schema.version)
        #expect(try store.database.scalarInt("SELECT count(*) FROM events") == 1)
    }
}
