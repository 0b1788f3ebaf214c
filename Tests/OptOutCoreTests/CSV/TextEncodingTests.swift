import OptOutTestSupport
import Testing
@testable import OptOutCore

/// UTF-8 validation (where a file stops) and the Windows-1252 reading of `--encoding`.
@Suite struct TextEncodingTests {
    /// Where the first invalid sequence starts, by the standard library: the longest valid prefix.
    static func reference(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var valid = 0
        for length in 0...bytes.count where String(validating: bytes[..<length], as: UTF8.self) != nil { valid = length }
        return valid
    }

    static func first(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBytes(TextEncoding.firstInvalidUTF8) }

    @Test func theFirstInvalidByteIsFoundWhereverItIs() {
        #expect(Self.first(Array("plain ASCII, long enough to take the eight-byte path".utf8)) == nil)
        #expect(Self.first(Array("Zoë, José, 日本, 🙂 and more text after them".utf8)) == nil)
        #expect(Self.first(Array("Tel".utf8) + [0xE9] + Array("fono".utf8)) == 3)
        #expect(Self.first(Array("0123456789abcdef".utf8) + [0xC3]) == 16, "a sequence cut at the end")
        #expect(Self.first([0xED, 0xA0, 0x80]) == 0, "a surrogate")
        #expect(Self.first([0xC0, 0x80]) == 0, "an overlong NUL")
        #expect(Self.first(Array("ab".utf8) + [0xF4, 0x90, 0x80, 0x80]) == 2, "past U+10FFFF")
        // Seeded random bytes, mostly ASCII with some multi-byte and broken sequences, against the library.
        var random = SeededGenerator(seed: 0x7E47)
        let pieces: [[UInt8]] = [[0x41], [0x20], [0x2C], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x99, 0x82], [0xE9], [0x80], [0xC3]]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(40) {
                let piece = random.chance(90) ? pieces[random.below(3)] : pieces[3 + random.below(pieces.count - 3)]
                bytes += piece
            }
            #expect(Self.first(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }

    @Test func windows1252IsReadAsItsCodePage() {
        let bytes: [UInt8] = [0x54, 0x65, 0x6C, 0xE9, 0x20, 0x80, 0xA0, 0x93, 0x94, 0x81, 0xFF]
        let text = String(decoding: bytes.withUnsafeBytes(TextEncoding.utf8(fromWindows1252:)), as: UTF8.self)
        #expect(text == "Telé €\u{A0}\u{201C}\u{201D}\u{FFFD}ÿ")
    }

    @Test func theHintNamesWhatTheBytesProbablyAre() {
        #expect(([0xFF, 0xFE, 0x70, 0x00] as [UInt8]).withUnsafeBytes(TextEncoding.hint(forInputStarting:)).contains("UTF-16"))
        #expect(Array("Tel\u{E9}".utf8).withUnsafeBytes(TextEncoding.hint(forInputStarting:)) == TextEncoding.windows1252Hint)
    }
}
