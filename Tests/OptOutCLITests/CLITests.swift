import Testing
@testable import OptOutCLI

@Test func mainReturnsZero() { #expect(OptOutCommandLine.main(arguments: ["optout"]) == 0) }
