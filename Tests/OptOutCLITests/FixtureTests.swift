import OptOutTestSupport
import Testing

/// The fixture locator finds the repository's own fixtures and names the full path of a missing one.
@Suite struct FixtureTests {
    @Test func findsTheRepositorysFixtures() throws {
        #expect(try Fixture.path("phones-sample.tsv").hasSuffix("/Tests/Fixtures/phones-sample.tsv"))
        #expect(try Fixture.text("webhooks/meta_text_stop.json").contains(#""body": "STOP""#))
    }

    @Test func aMissingFixtureIsAnErrorNamingItsPath() {
        do {
            _ = try Fixture.bytes("webhooks/no_such_body.json")
            Issue.record("a missing fixture must throw")
        } catch let error as Fixture.Missing {
            #expect(error.path == Fixture.folder + "/webhooks/no_such_body.json")
            #expect(error.description == "test fixture missing: \(Fixture.folder)/webhooks/no_such_body.json")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
