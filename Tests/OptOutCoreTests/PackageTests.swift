import Testing
@testable import OptOutCore

@Test func versionIsSet() { #expect(!OptOutCoreVersion.string.isEmpty) }
