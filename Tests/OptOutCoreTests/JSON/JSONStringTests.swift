import Testing
@testable import OptOutCore

/// Strings read from JSON bytes: ASCII, other UTF-8 and escapes come out as written; bytes that are
/// not UTF-8 are refused, with or without escapes in the string.
@Suite struct JSONStringTests {
    func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBytes { try JSONParser().parse($0) }
    }

    @Test func stringsComeOutAsWritten() throws {
        let cases: [(String, String)] = [
            (#""STOP""#, "STOP"), (#""""#, ""), (#""désabonner 🙂""#, "désabonner 🙂"),
            (#""a\"b\\c\nd\u00e9""#, "a\"b\\c\ndé"), (#""ñ\tx""#, "ñ\tx"),
        ]
        for (json, expected) in cases {
            #expect(try parse(Array(json.utf8)) == .string(expected), "\(json)")
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        for bytes: [UInt8] in [[0x22, 0x53, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xE9, 0x5C, 0x6E, 0x22]] {
            #expect(throws: JSONParseError.self) { try parse(bytes) }
            do {
                _ = try parse(bytes)
            } catch {
                #expect((error as? JSONParseError)?.reason == "string is not valid UTF-8")
            }
        }
    }

    /// The writer's one-copy path (nothing to escape) and its escaping path give RFC 8259 text.
    @Test func stringsAreWrittenEscapedWhereNeeded() {
        let cases: [(String, String)] = [
            ("STOP", #""STOP""#), ("", #""""#), ("désabonner ’", #""désabonner ’""#),
            ("a\"b\\c\nd\u{7}", #""a\"b\\c\nd\u0007""#), ("x\u{2028}y\u{2029}", #""x\u2028y\u2029""#),
        ]
        for (text, expected) in cases {
            var bytes: [UInt8] = []
            JSONValue.writeString(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(text)")
        }
    }
}
