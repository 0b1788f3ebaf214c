import OptOutTestSupport
import Testing
@testable import OptOutCore

// MARK: - Helpers


/// Both paths' answers for `bytes`, as text ("+…" or "REJECT: reason").
private func bothPaths(_ bytes: [UInt8], _ normalizer: PhoneNormalizer) -> (fast: String, full: String) {
    func text(_ result: Result<PhoneNumber, PhoneRejection>) -> String {
        switch result {
        case .success(let number): return number.e164
        case .failure(let rejection): return "REJECT: \(rejection)"
        }
    }
    return bytes.withUnsafeBytes { buffer in
        (text(normalizer.normalize(buffer)), text(normalizer.normalizeWithoutFastPath(buffer)))
    }
}

/// Whether the one-pass reader takes `input` (nil when it hands it to the full pass).
private func fastShape(_ input: String) -> (digits: [UInt8], plus: Bool)? {
    var digits = [UInt8](repeating: 0, count: 48)
    let shape = Array(input.utf8).withUnsafeBytes { bytes in
        digits.withUnsafeMutableBufferPointer { PhoneNormalizer.scanCommonShape(bytes, into: $0.baseAddress!) }
    }
    guard let shape else { return nil }
    return (Array(digits[0..<shape.count]), shape.plus)
}

private let regions: [Region?] = [nil] + ["US", "MX", "BR", "GB", "AR", "DE", "CO", "IN", "CA"].map { Region(code: $0) }

// MARK: - Fast path

@Suite struct PhoneFastPathTests {
    @Test func commonShapesTakeTheFastPath() {
        #expect(fastShape("+52 (55) 1234-5678")?.digits == [5, 2, 5, 5, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(fastShape("+52 (55) 1234-5678")?.plus == true)
        #expect(fastShape(" 0034 65.9421/603 ")?.digits == [0, 0, 3, 4, 6, 5, 9, 4, 2, 1, 6, 0, 3])
        #expect(fastShape(" 0034 65.9421/603 ")?.plus == false)
        #expect(fastShape("[55] 1234 5678")?.digits == [5, 5, 1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func otherShapesTakeTheFullPath() {
        #expect(fastShape("5215512345678.0") == nil)  // Excel float suffix
        #expect(fastShape(" +5215512345678.00 ") == nil)
        #expect(fastShape("5.73E+11") == nil)  // letters
        #expect(fastShape("'+5215512345678") == nil)  // Excel text mark
        #expect(fastShape("tel:+5215512345678") == nil)
        #expect(fastShape("+52 55 1234 5678 x12") == nil)
        #expect(fastShape("+52\t55 1234 5678") == nil)  // tab
        #expect(fastShape("+52\u{00A0}55 1234 5678") == nil)  // non-ASCII
        #expect(fastShape("52 +55") == nil)  // misplaced plus
        #expect(fastShape("++52") == nil)
        #expect(fastShape(" - ") == nil)  // no digit
        #expect(fastShape(String(repeating: "1", count: 41)) == nil)  // more digits than any number
        #expect(fastShape("") == nil)
    }

    @Test func dotsThatAreNotAnExcelSuffixStayOnTheFastPath() {
        #expect(fastShape("55.1234.5678")?.digits == [5, 5, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(fastShape("5512345678.01")?.digits.count == 12)
    }

    @Test func sampleInputsGiveTheSameAnswerOnBothPaths() throws {
        let rows = try PhoneSampleTests.loadRows()
        var differences: [String] = []
        for row in rows {
            let region = row.region.isEmpty ? nil : Region(code: row.region)
            for whatsAppIDs in [false, true] {
                let normalizer = PhoneNormalizer(defaultRegion: region, whatsAppIDs: whatsAppIDs)
                let (fast, full) = bothPaths(Array(row.input.utf8), normalizer)
                if fast != full { differences.append("\(row) wa=\(whatsAppIDs): fast \(fast), full \(full)") }
            }
        }
        #expect(rows.count == 520)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test func seededRandomCorpusGivesTheSameAnswerOnBothPaths() {
        // Pieces weighted towards the fast path's bytes, with the shapes that must leave it.
        let pieces: [[UInt8]] = [
            Array("+".utf8), Array("00".utf8), Array("011".utf8), Array(" ".utf8), Array("-".utf8),
            Array(".".utf8), Array("(".utf8), Array(")".utf8), Array("/".utf8), Array("[".utf8),
            Array("]".utf8), Array(".0".utf8), Array(".00".utf8), Array("E+11".utf8), Array("x12".utf8),
            Array("ext. 7".utf8), Array("'".utf8), Array("\t".utf8), Array("tel:".utf8), Array("wa.me/".utf8),
            Array("\u{00A0}".utf8), Array("\u{0663}".utf8), Array("\u{FF0B}".utf8), Array(";".utf8),
            Array("a".utf8), [0xFF], Array("52".utf8), Array("1".utf8), Array("44".utf8), Array("55".utf8),
            Array("9".utf8), Array("0".utf8),
        ]
        var generator = SeededGenerator(seed: 20_261_121)
        var differences: [String] = []
        var fastCount = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            // Mostly plain digit groups with separators; sometimes an odd piece.
            if Int.random(in: 0..<3, using: &generator) == 0 { bytes += Array("+".utf8) }
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                for _ in 0..<Int.random(in: 1...5, using: &generator) {
                    bytes.append(UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &generator))
                }
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                } else {
                    bytes += pieces[Int.random(in: 3..<11, using: &generator)]
                }
            }
            let region = regions[Int.random(in: 0..<regions.count, using: &generator)]
            let normalizer = PhoneNormalizer(defaultRegion: region, whatsAppIDs: Bool.random(using: &generator))
            let (fast, full) = bothPaths(bytes, normalizer)
            if fast != full {
                differences.append("\(String(decoding: bytes, as: UTF8.self)) \(region?.code ?? "-"): \(fast) vs \(full)")
            }
            if fastShape(String(decoding: bytes, as: UTF8.self)) != nil { fastCount += 1 }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        // The corpus exercises both paths.
        #expect(fastCount > 5_000)
        #expect(fastCount < 19_000)
    }
}

// MARK: - 00 with a default country that does not dial 00

@Suite struct DoubleZeroPrefixTests {
    /// `00` is an international prefix only where the default country dials it (MX, GB) or without a
    /// default country; in the US (011) and Brazil (00 + carrier code) `0044…` is a national number and
    /// too long. This follows the phone sample ("0054 9 11 2345 6789" US → REJECT, "0044 7400 123456"
    /// CO → REJECT, "00 1 415 555 0100" BR → REJECT).
    @Test func doubleZeroFollowsTheCountrysPrefixes() {
        let input = "0044 7700 900123"
        func answer(_ region: String?) -> String {
            switch PhoneNormalizer(defaultRegion: region.flatMap { Region(code: $0) }).normalize(input) {
            case .success(let number): return number.e164
            case .failure(let rejection): return "REJECT: \(rejection)"
            }
        }
        #expect(answer(nil) == "+447700900123")
        #expect(answer("MX") == "+447700900123")
        #expect(answer("GB") == "+447700900123")
        #expect(answer("US") == "REJECT: too long for +1 (needs 10 digits)")
        #expect(answer("BR").hasPrefix("REJECT: "))
        #expect(answer("US") != answer("MX"))
        // The US's own prefix works.
        #expect(PhoneNormalizer(defaultRegion: Region(code: "US")).normalize("011 44 7700 900123")
            == .success(PhoneNumber(digits: 447_700_900_123)!))
    }
}

// MARK: - National prefix first-digit filter

@Suite struct NationalPrefixFirstDigitTests {
    @Test func masksOfKnownCountries() {
        func mask(_ code: Int) -> UInt16 { NationalPrefixMatcher.firstDigitMasks[CallingCode(code: code)!.row] }
        #expect(mask(1) == 0b10)  // NANPA: trunk prefix 1
        #expect(mask(91) == 0b1)  // India: 0
        #expect(mask(44) & 0b1 == 0b1)  // UK: 0…
        #expect(mask(52) == 0x3FF)  // Mexico: no program, nothing skipped
        #expect(NationalPrefixMatcher.firstDigitMasks.count == CountryTable.rowCount)
    }

    /// A digit outside a row's mask never starts a match, for every row, on a seeded random corpus.
    @Test func skippedFirstDigitsNeverMatch() {
        var generator = SeededGenerator(seed: 7_777)
        var wrong: [String] = []
        var skipped = 0
        var slots = [UInt8](repeating: 0, count: 16)
        for row in 0..<CountryTable.rowCount {
            let country = CallingCode(row: row)
            let program = country.prefixProgram
            let mask = NationalPrefixMatcher.firstDigitMasks[row]
            guard !program.isEmpty, 2 * country.prefixGroupCount + 2 <= slots.count else { continue }
            for _ in 0..<200 {
                let digits = (0..<Int.random(in: 1...15, using: &generator)).map { _ in
                    UInt8.random(in: 0...9, using: &generator)
                }
                guard mask & (1 << UInt16(digits[0])) == 0 else { continue }
                skipped += 1
                let end = digits.withUnsafeBufferPointer { digitBuffer in
                    slots.withUnsafeMutableBufferPointer { slotBuffer in
                        NationalPrefixMatcher.match(
                            program: program, digits: digitBuffer,
                            slots: UnsafeMutableBufferPointer(rebasing: slotBuffer[0..<(2 * country.prefixGroupCount + 2)]))
                    }
                }
                if let end { wrong.append("+\(country.code) \(digits) matched to \(end)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
        #expect(skipped > 10_000)
    }
}
