import Testing
@testable import OptOutCore

/// How any identifier a person or a file gives is read (`PhoneNormalizer.identifier`): a BSUID kept
/// exactly as written, else a phone number as `normalize` reads it; the same from a `String` and from
/// its UTF-8 bytes.
@Suite struct IdentifierTests {
    let normalizer = PhoneNormalizer()

    private func read(_ input: String) -> Result<Identifier, PhoneRejection> {
        let fromText = normalizer.identifier(input)
        var copy = input
        let fromBytes = copy.withUTF8 { normalizer.identifier(UnsafeRawBufferPointer($0)) }
        #expect(fromText == fromBytes, "\(input.debugDescription)")
        return fromText
    }

    @Test(arguments: [
        ("US.13491208655302741918", "US.13491208655302741918"),
        ("  US.13491208655302741918\t", "US.13491208655302741918"),
        ("whatsapp:US.ENT.abcDEF123", "US.ENT.abcDEF123"),
        (" \twhatsapp:BR.x ", "BR.x"),
        ("US." + String(repeating: "7", count: 128), "US." + String(repeating: "7", count: 128)),
        ("US.ENT." + String(repeating: "a", count: 128), "US.ENT." + String(repeating: "a", count: 128)),
    ])
    func userIDsAreKeptAsWritten(input: String, expected: String) throws {
        let identifier = try read(input).get()
        #expect(identifier == .user(try #require(UserID(expected))))
        #expect(identifier.text == expected)
    }

    /// Not of the form: each is read as a phone number, with the answer `normalize` gives.
    @Test(arguments: [
        "+1 555 123 4567", "whatsapp:+15551234567", "us.13491208655302741918", "U.1234", "US.", "US.ENT.",
        "US.1234-5", "US.12 34", "US.12é4", " \u{301}US.1234", "US.1234 \u{301}", "US." + String(repeating: "7", count: 129),
        "WHATSAPP:US.1234", "whatsapp: US.1234", "", "   ",
    ])
    func anythingElseIsReadAsAPhoneNumber(input: String) {
        #expect(read(input) == normalizer.normalize(input).map(Identifier.phone))
        #expect(UserID(input) == nil)
    }

    @Test func storedUserIDsAreReadFromTheirBytes() throws {
        var stored = "US.ENT.13491208655302741918"
        let identifier = stored.withUTF8 { Identifier(stored: UnsafeRawBufferPointer($0)) }
        #expect(identifier == .user(try #require(UserID(stored))))
        #expect(identifier?.text == stored)
        var broken = "US.1234\u{7F}"
        #expect(broken.withUTF8 { Identifier(stored: UnsafeRawBufferPointer($0)) } == nil)
    }
}
