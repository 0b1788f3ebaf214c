import OptOutTestSupport
import Testing
@testable import OptOutCore

// MARK: - Word-at-a-time scanning


/// The records, or the error's kind and line, of one read.
private func outcome(_ bytes: [UInt8], delimiter: UInt8?, bufferSize: Int, chunkLimit: Int = Int.max) -> String {
    do {
        let parsed = try parseCSV(bytes, delimiter: delimiter, bufferSize: bufferSize, chunkLimit: chunkLimit)
        return "\(parsed.delimiter) \(parsed.records)"
    } catch {
        return "error \(error.kind) line \(error.line)"
    }
}

@Suite struct CSVWordScanTests {
    @Test func exactMatchMaskMarksEveryMatchingByteAndNothingElse() {
        let bytes: [UInt8] = [0x2C, 0x00, 0x2D, 0x2C, 0xAC, 0x2C, 0x01, 0xFF]
        let word = bytes.withUnsafeBufferPointer { CSVWord.load($0.baseAddress!) }
        let mask = CSVWord.exactMatches(word, CSVWord.repeated(0x2C))
        #expect(mask == 0x0000_8000_8000_0080)
        #expect(CSVWord.exactMatches(word, CSVWord.repeated(0x00)) == 0x0000_0000_0000_8000)
        #expect(CSVWord.exactMatches(word, CSVWord.repeated(0xFF)) == 0x8000_0000_0000_0000)
        // The borrow-based test is exact for the first match only.
        #expect(CSVWord.matches(word, CSVWord.repeated(0x2C)).trailingZeroBitCount == 7)
    }

    @Test func threePatternMaskIsTheUnionOfTheSingleMasks() {
        // Every byte value in every lane, against each delimiter the reader detects.
        for delimiter: UInt8 in [0x2C, 0x3B, 0x09, 0x7C] {
            let patterns = (CSVWord.repeated(delimiter), CSVWord.repeated(0x0A), CSVWord.repeated(0x22))
            for value in 0...255 {
                for lane in 0..<8 {
                    var bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: 0x41 &+ lane), count: 8)
                    bytes[lane] = UInt8(value)
                    bytes[(lane + 3) % 8] = delimiter
                    let word = bytes.withUnsafeBufferPointer { CSVWord.load($0.baseAddress!) }
                    let union = CSVWord.exactMatches(word, patterns.0) | CSVWord.exactMatches(word, patterns.1)
                        | CSVWord.exactMatches(word, patterns.2)
                    #expect(CSVWord.exactMatches(word, patterns.0, patterns.1, patterns.2) == union,
                            "delimiter \(delimiter) byte \(value) lane \(lane)")
                }
            }
        }
    }

    /// Records read with a large buffer (word-at-a-time paths) equal those read with buffers too small
    /// for a word (byte-at-a-time state machine only), errors included.
    @Test func seededRandomCSVReadsTheSameWithLargeAndTinyBuffers() {
        let pieces: [[UInt8]] = [
            Array(",".utf8), Array(";".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8),
            Array("\"".utf8), Array("\"\"".utf8), Array("abc".utf8), Array("+52 55 1234 5678".utf8),
            Array("José".utf8), Array("\"Guadalajara, Jal.\"".utf8), Array("\"say \"\"hi\"\"\"".utf8),
            Array("\"two\nlines\"".utf8), Array("x".utf8), Array("12345678901234567890".utf8), [0x00], [0xFF],
            Array("\u{FEFF}".utf8), Array("\t".utf8), Array("|".utf8),
        ]
        var generator = SeededGenerator(seed: 42_026)
        var differences: [String] = []
        var errors = 0
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            let delimiter: UInt8? = [nil, UInt8(ascii: ","), UInt8(ascii: ";")][Int.random(in: 0..<3, using: &generator)]
            let wide = outcome(bytes, delimiter: delimiter, bufferSize: 1 << 16)
            if wide.hasPrefix("error") { errors += 1 }
            for (bufferSize, chunkLimit) in [(1, Int.max), (7, 3), (9, Int.max), (16, 5)] {
                let narrow = outcome(bytes, delimiter: delimiter, bufferSize: bufferSize, chunkLimit: chunkLimit)
                if narrow != wide {
                    differences.append("\(String(decoding: bytes.prefix(120), as: UTF8.self).debugDescription) buffer \(bufferSize)")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(10).joined(separator: "\n"))")
        // Both clean reads and each kind of error occur in the corpus.
        #expect(errors > 100)
        #expect(errors < 2_900)
    }
}
