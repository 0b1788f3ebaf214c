import Testing
@testable import OptOutCore

@Suite struct JSONParserTests {
    func parse(_ text: String, maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        try JSONParser(maxDepth: maxDepth).parse(Array(text.utf8))
    }

    func failure(_ text: String, maxDepth: Int = 64) -> JSONParseError? {
        do {
            _ = try parse(text, maxDepth: maxDepth)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesEveryKindKeepingKeyOrder() throws {
        let value = try parse(#" {"b": [1, -2, 3.5, 1e3, true, false, null], "a": {"x": "y"}, "": ""} "#)
        #expect(value == .object([
            ("b", .array([.integer(1), .integer(-2), .number(3.5), .number(1000), .bool(true), .bool(false), .null])),
            ("a", .object([("x", .string("y"))])),
            ("", .string("")),
        ]))
        #expect(value.serialized == #"{"b":[1,-2,3.5,1000.0,true,false,null],"a":{"x":"y"},"":""}"#)
    }

    @Test func integersOutsideInt64BecomeNumbers() throws {
        #expect(try parse("9223372036854775807") == .integer(Int64.max))
        #expect(try parse("-9223372036854775808") == .integer(Int64.min))
        #expect(try parse("9223372036854775808") == .number(9223372036854775808))
        #expect(try parse("-0") == .integer(0))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{c}\n\r\t"))
        #expect(try parse(#""\u00e9\u0041""#) == .string("éA"))
        #expect(try parse(#""\ud83d\uded1 stop""#) == .string("🛑 stop"))
        #expect(try parse(#""caf\u00E9 ARRÊT""#) == .string("café ARRÊT"))
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try JSONParser().parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.integer(1)]))
    }

    @Test func rejectsWithByteOffsets() {
        #expect(failure("") == JSONParseError(offset: 0, reason: "unexpected end of input; expected a value"))
        #expect(failure("[1,]")?.offset == 3)
        #expect(failure(#"{"a":1,}"#)?.offset == 7)
        #expect(failure(#"{"a" 1}"#) == JSONParseError(offset: 5, reason: "expected ':' after an object key"))
        #expect(failure("01") == JSONParseError(offset: 0, reason: "leading zero in a number"))
        #expect(failure("1.") == JSONParseError(offset: 2, reason: "expected a digit after '.'"))
        #expect(failure("+1")?.offset == 0)
        #expect(failure("[1] x") == JSONParseError(offset: 4, reason: "unexpected data after the JSON value"))
        #expect(failure("tru") == JSONParseError(offset: 0, reason: "invalid literal"))
        #expect(failure("\"a\u{1}b\"") == JSONParseError(offset: 2, reason: "unescaped control character in a string"))
        #expect(failure(#""\x""#) == JSONParseError(offset: 1, reason: "invalid escape"))
        #expect(failure(#""\ud83d""#) == JSONParseError(offset: 1, reason: "high surrogate without a low surrogate"))
        #expect(failure(#""\ude00""#) == JSONParseError(offset: 1, reason: "lone low surrogate"))
        #expect(failure(#""\u12""#) == JSONParseError(offset: 1, reason: "\\u needs four hex digits"))
        #expect(failure(#""abc"#) == JSONParseError(offset: 0, reason: "unterminated string"))
        #expect(failure("{'a':1}")?.reason == "expected a string key in an object")
        #expect(failure("1e999") == JSONParseError(offset: 0, reason: "number out of range"))
    }

    @Test func rejectsInvalidUTF8() {
        do {
            _ = try JSONParser().parse([0x22, 0xC3, 0x28, 0x22])
            Issue.record("invalid UTF-8 must be refused")
        } catch {
            #expect(error == JSONParseError(offset: 0, reason: "string is not valid UTF-8"))
        }
    }

    @Test func limitsDepthAndSize() throws {
        #expect(try parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) != .null)
        #expect(failure(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))
            == JSONParseError(offset: 64, reason: "nesting deeper than 64 levels"))
        // Deep input never overflows the stack: it stops at the limit.
        #expect(failure(String(repeating: "[", count: 100_000))?.reason == "nesting deeper than 64 levels")
        do {
            _ = try JSONParser(maxBytes: 4).parse(Array("[1,2]".utf8))
            Issue.record("an input over the size limit must be refused")
        } catch {
            #expect(error.reason == "JSON text longer than 4 bytes")
        }
    }
}
