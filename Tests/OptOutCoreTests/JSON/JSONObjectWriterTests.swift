import Testing
@testable import OptOutCore

/// Objects written field by field are the text `JSONValue` writes for the same fields.
@Suite struct JSONObjectWriterTests {
    @Test func writesWhatJSONValueWrites() {
        let texts: [String?] = ["plain", nil, "quote \" backslash \\ newline \n tab \t bell \u{7}", "line\u{2028}sep", "", "ñandú 🙂"]
        var writer = JSONObjectWriter()
        writer.begin()
        for (index, text) in texts.enumerated() { writer.field(Self.keys[index], text) }
        writer.end()
        let expected = JSONValue.object(texts.enumerated().map { ("\(Self.keys[$0.offset])", .optional($0.element)) })
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: expected.utf8, as: UTF8.self))
        writer.begin()
        writer.end()
        #expect(String(decoding: writer.bytes, as: UTF8.self).hasSuffix("}{}"), "a second object starts with no comma")
    }

    static let keys: [StaticString] = ["a", "b", "c", "d", "e", "f"]
}
