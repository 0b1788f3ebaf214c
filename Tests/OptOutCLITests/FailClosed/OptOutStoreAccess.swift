import OptOutTestSupport
@testable import OptOutCore

/// Raw access to a sandbox database, for tests that plant what an older release or an attacker left.
enum OptOutStoreAccess {
    static func open(_ path: String) throws -> OptOutStore { try OptOutStore(path: path) }

    /// The match key column value of an E.164 number.
    static func key(_ e164: String) throws -> Int64 {
        guard let number = PhoneNumber(e164: e164) else { throw OptOutError(.badInput, "not E.164: \(e164)") }
        return Int64(bitPattern: number.matchKey)
    }
}
