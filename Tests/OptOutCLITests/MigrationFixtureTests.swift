import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCore

/// A database written by the release before business-scoped user ids (schema 3, made by optout at
/// commit 1c2b1e6: a block, a STOP, a held review, an opt-in, a START, a WhatsApp marketing stop and a
/// staff opt-out of a Mexican number) opens with this build, migrates in one transaction, keeps every
/// entry and event, and its stored state equals the state rebuilt from its events.
@Suite struct MigrationFixtureTests {
    func migratedCopy(_ sandbox: Sandbox) throws -> String {
        let path = sandbox.file("old.sqlite")
        try Data(try Fixture.bytes("databases/release-schema-3.sqlite")).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theOldDatabaseMigratesAndKeepsEverything() throws {
        let sandbox = Sandbox(withDatabase: false)
        let path = try migratedCopy(sandbox)
        let before = try sandbox.exec(["export", "--events", "--format", "csv", "--db", path]).stdout
        #expect(before.split(separator: "\n").count == 8, "7 events and the header")
        let snapshot = try DatabaseSnapshot(path: path)
        #expect(try snapshot.store.database.scalarInt("PRAGMA user_version") == Schema.version)
        #expect(try snapshot.integrity() == "ok")
        #expect(try snapshot.events().map(\.action) == [
            .block, .optOut, .review, .optIn, .optIn, .marketingStop, .optOut,
        ])
        #expect(try sandbox.exec(["check", "+15550100001", "--db", path]).stdout == "+15550100001\tmay not receive marketing: blocked\n")
        #expect(try sandbox.exec(["check", "+15550100002", "--db", path]).status == 0, "opted out, then START")
        #expect(try sandbox.exec(["check", "+15550100003", "--db", path]).stdout == "+15550100003\tmay not receive marketing: review-pending\n")
        #expect(try sandbox.exec(["check", "+5215512345678", "--db", path]).status == 1)
        #expect(try sandbox.exec(["check", "+525512345678", "--db", path]).status == 1, "the Mexico quirk still folds")
        // New identifiers work on the migrated file.
        #expect(try sandbox.exec(["block", "US.777", "--db", path, "--reason", "x"]).status == 0)
        #expect(try sandbox.exec(["check", "US.777", "--db", path]).status == 1)
    }

    @Test func theStoredStateEqualsTheStateRebuiltFromTheEvents() throws {
        let sandbox = Sandbox(withDatabase: false)
        let path = try migratedCopy(sandbox)
        let snapshot = try DatabaseSnapshot(path: path)
        let problems = try SequentialReplay.problems(
            events: try snapshot.events(), entries: try snapshot.entryRows(), freshPath: sandbox.file("replay.sqlite"))
        #expect(problems.isEmpty, "\(problems)")
    }
}
