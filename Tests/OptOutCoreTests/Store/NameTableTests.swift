import Testing
@testable import OptOutCore

/// Stored enum names read back from column bytes.
@Suite struct NameTableTests {
    private func name<Name>(_ table: NameTable<Name>, _ text: String) -> Name? {
        Array(text.utf8).withUnsafeBytes { table.name($0) }
    }

    @Test func everyCaseIsReadBackFromItsStoredName() {
        let sources = NameTable<Source>()
        for source in Source.allCases { #expect(name(sources, source.rawValue) == source) }
        let actions = NameTable<Action>()
        for action in Action.allCases { #expect(name(actions, action.rawValue) == action) }
        let consents = NameTable<Consent>()
        for consent in Consent.allCases { #expect(name(consents, consent.rawValue) == consent) }
    }

    /// NULL (no bytes), another case's prefix, another spelling: no case, as `init(rawValue:)` gives.
    @Test func anythingElseIsNoCase() {
        let consents = NameTable<Consent>()
        #expect(name(consents, "") == nil)
        #expect(name(consents, "opted") == nil)
        #expect(name(consents, "Opted-Out") == nil)
        #expect(name(consents, "opted-out ") == nil)
        #expect(consents.name(UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }
}
