import Testing
@testable import OptOutCore

/// Specific hostile inputs for the core parsers: deep nesting, numbers with thousands of digits, NUL
/// bytes, invalid UTF-8 and oversized records. Each ends in a value or a typed error, never a trap.
@Suite struct HostileInputCoreTests {
    // MARK: - Deep nesting

    @Test func deeplyNestedJSONIsRefusedAtTheDepthLimitWithoutRecursingFurther() {
        for depth in [65, 1_000, 1_000_000] {
            let arrays = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
            #expect(throws: JSONParseError(offset: 64, reason: "nesting deeper than 64 levels")) {
                try JSONParser().parse(arrays)
            }
            var objects: [UInt8] = []
            for _ in 0..<depth { objects += Array(#"{"a":"#.utf8) }
            objects += Array("1".utf8) + [UInt8](repeating: UInt8(ascii: "}"), count: depth)
            #expect(throws: JSONParseError(offset: 64 * 5, reason: "nesting deeper than 64 levels")) {
                try JSONParser().parse(objects)
            }
        }
        let sixtyFour = [UInt8](repeating: UInt8(ascii: "["), count: 64) + [UInt8](repeating: UInt8(ascii: "]"), count: 64)
        #expect((try? JSONParser().parse(sixtyFour)) != nil)
    }

    @Test func deeplyNestedWebhookAndJSONLinesAreBadInput() {
        let body = Array(#"{"object":"whatsapp_business_account","entry":"#.utf8)
            + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: OptOutError(.badInput, "not a WhatsApp webhook body: not valid JSON: nesting deeper than 64 levels at byte 109")) {
            try WhatsAppWebhook.parse(body)
        }
        let line = Array(#"{"from":"+15551234567","text":"x","extra":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 50_000)
        #expect(throws: OptOutError(.badInput, "not valid JSON: nesting deeper than 16 levels at byte 57")) {
            try line.withUnsafeBytes { raw throws(OptOutError) in try JSONLinesReplay.item(raw, lineNumber: 1) }
        }
    }

    // MARK: - Numbers with thousands of digits

    @Test func jsonNumbersWithThousandsOfDigitsAreOutOfRangeOrRefused() throws {
        let digits = String(repeating: "9", count: 5_000)
        #expect(throws: JSONParseError(offset: 0, reason: "number out of range")) { try JSONParser().parse(Array(digits.utf8)) }
        #expect(try JSONParser().parse(Array(("0." + digits).utf8)) == .number(1.0))
        let line = #"{"from":\#(digits),"text":"STOP"}"#
        #expect(throws: OptOutError(.badInput, "not valid JSON: number out of range at byte 8")) {
            try Array(line.utf8).withUnsafeBytes { raw throws(OptOutError) in try JSONLinesReplay.item(raw, lineNumber: 1) }
        }
        let at = #"{"from":"+15551234567","text":"STOP","at":"\#(digits)"}"#
        #expect(throws: OptOutError(.badInput, "'at' is not a time (ISO 8601 with a zone, or Unix seconds)")) {
            try Array(at.utf8).withUnsafeBytes { raw throws(OptOutError) in try JSONLinesReplay.item(raw, lineNumber: 1) }
        }
        let timestamp = #"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551234567","timestamp":"\#(digits)","type":"text","text":{"body":"x"}}]}}]}]}"#
        #expect(throws: OptOutError(.badInput, "not a WhatsApp webhook body: entry 1, change 1, message 1 'timestamp' is not a time (Unix seconds)")) {
            try WhatsAppWebhook.parse(Array(timestamp.utf8))
        }
    }

    @Test func phoneNumbersWithThousandsOfDigitsAreRejected() {
        let normalizer = PhoneNormalizer(defaultRegion: Region(code: "US"))
        for count in [16, 1_000, 100_000] {
            let digits = String(repeating: "7", count: count)
            #expect(normalizer.normalize("+" + digits) == .failure(.moreThan15Digits), "\(count)")
            #expect(normalizer.normalize(digits) == .failure(.moreThan15Digits), "\(count)")
        }
        #expect(PhoneNormalizer(whatsAppIDs: true).normalize(String(repeating: "1", count: 10_000)) == .failure(.moreThan15Digits))
    }

    // MARK: - NUL bytes and invalid UTF-8

    @Test func nulBytesAndInvalidUTF8InPhoneNumbers() {
        let normalizer = PhoneNormalizer()
        #expect(normalizer.normalize("+1555\u{0}1234567") == .failure(.invalidCharacter("\u{0}")))
        let invalid: [UInt8] = Array("+1555".utf8) + [0xFF, 0xFE] + Array("1234567".utf8)
        #expect(invalid.withUnsafeBytes { normalizer.normalize($0) } == .failure(.invalidUTF8))
        let overlong: [UInt8] = Array("+1555".utf8) + [0xC0, 0xAB] + Array("1234567".utf8)
        #expect(overlong.withUnsafeBytes { normalizer.normalize($0) } == .failure(.invalidUTF8))
    }

    @Test func nulBytesAndInvalidUTF8InWebhookBodies() {
        let nulInString: [UInt8] = Array(#"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551234567","type":"text","text":{"body":"a"#.utf8)
            + [0x00] + Array(#""}}]}}]}]}"#.utf8)
        #expect(throws: OptOutError(.badInput, "not a WhatsApp webhook body: not valid JSON: unescaped control character in a string at byte 97")) {
            try WhatsAppWebhook.parse(nulInString)
        }
        let invalidUTF8: [UInt8] = Array(#"{"entry":[{"changes":[{"value":{"messages":[{"from":"15551234567","type":"text","text":{"body":""#.utf8)
            + [0xC3, 0x28] + Array(#""}}]}}]}]}"#.utf8)
        #expect(throws: OptOutError(.badInput, "not a WhatsApp webhook body: not valid JSON: string is not valid UTF-8 at byte 95")) {
            try WhatsAppWebhook.parse(invalidUTF8)
        }
        #expect(throws: OptOutError(.badInput, "not a form-encoded body: raw space or control character in pair 1")) {
            try TwilioWebhook.parse(Array("From=%2B15551234567".utf8) + [0x00])
        }
        #expect(throws: OptOutError(.badInput, "not a form-encoded body: pair 2 is not UTF-8")) {
            try TwilioWebhook.parse(Array("From=%2B15551234567&Body=%FF%FE".utf8))
        }
        #expect(throws: OptOutError(.badInput, "not a form-encoded body: pair 2 is not UTF-8")) {
            try TwilioWebhook.parse(Array("From=%2B15551234567&Body=".utf8) + [0xFF])
        }
        // An escaped NUL is valid form encoding and valid UTF-8: it is message text like any other.
        let items = try? TwilioWebhook.parse(Array("From=%2B15551234567&Body=ST%00OP".utf8))
        #expect(items?.first?.content == .text("ST\u{0}OP"))
    }

    @Test func nulBytesAndInvalidUTF8InCSVAreData() throws {
        let bytes: [UInt8] = Array("phone,note\n+15551234567,a".utf8) + [0x00, 0xFF] + Array("b\n".utf8)
        let reader = CSVReader(source: MemoryByteSource(bytes))
        #expect(try reader.next())
        #expect(try reader.next())
        #expect(Array(reader.field(1)) == [UInt8(ascii: "a"), 0x00, 0xFF, UInt8(ascii: "b")])
        #expect(try reader.next() == false)
    }

    // MARK: - Oversized records

    @Test func aRecordOverTheLimitIsRecordTooLongWhateverTheChunking() throws {
        let field = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
        for quoted in [false, true] {
            let body = quoted ? [UInt8(ascii: "\"")] + field + [UInt8(ascii: "\"")] : field
            let bytes = Array("phone,note\n+15551234567,".utf8) + body + [0x0A]
            let reader = CSVReader(source: MemoryByteSource(bytes, chunkLimit: 777), maximumRecordSize: 4096)
            #expect(try reader.next())
            #expect(throws: CSVError(kind: .recordTooLong, line: 2, text: "record longer than 4096 bytes")) { try reader.next() }
        }
    }
}
