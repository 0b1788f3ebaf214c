import OptOutTestSupport
import Testing
@testable import OptOutCore

// MARK: - Helpers

private func normalized(_ input: String, _ region: String? = nil, whatsAppIDs: Bool = false) -> String {
    let normalizer = PhoneNormalizer(defaultRegion: region.flatMap { Region(code: $0) }, whatsAppIDs: whatsAppIDs)
    switch normalizer.normalize(input) {
    case .success(let number): return number.e164
    case .failure(let rejection): return "REJECT: \(rejection)"
    }
}

private func rejection(_ input: String, _ region: String? = nil) -> PhoneRejection? {
    let normalizer = PhoneNormalizer(defaultRegion: region.flatMap { Region(code: $0) })
    if case .failure(let reason) = normalizer.normalize(input) { return reason }
    return nil
}

private func bytesResult(_ bytes: [UInt8], _ normalizer: PhoneNormalizer) -> Result<PhoneNumber, PhoneRejection> {
    bytes.withUnsafeBytes { normalizer.normalize($0) }
}

// MARK: - Rejections

@Suite struct PhoneRejectionTests {
    @Test func eachReasonAndItsText() {
        #expect(rejection("") == .empty)
        #expect(rejection(" \t\u{00A0}\r\n") == .empty)
        #expect(rejection("+ - .") == .noDigits)
        #expect(rejection("N/A") == .containsLetters)
        #expect(rejection("+1 415 555 01OO") == .containsLetters)
        #expect(rejection("5.73E+11") == .scientificNotation("5.73E+11"))
        #expect(rejection("@573001234567") == .invalidCharacter("@"))
        #expect(rejection("+14155550100\u{7F}") == .invalidCharacter("\u{7F}"))
        #expect(rejection("+57 300 123 4567 / +57 301 765 4321") == .misplacedPlus)
        #expect(rejection("011", "US") == .missingCountryCode)
        #expect(rejection("00") == .missingCountryCode)
        #expect(rejection("+999 123 456 789") == .unknownCountryCode("999"))
        #expect(rejection("+000") == .unknownCountryCode("000"))
        #expect(rejection("+44 740") == .tooShort(countryCode: 44))
        #expect(rejection("+44 7400 12") == .localOnly(countryCode: 44))  // 6 digits: local only in GB
        #expect(rejection("+44 7400 123456 78") == .tooLong(countryCode: 44))
        #expect(rejection("+40 123 4567") == .invalidLength(countryCode: 40))  // RO: 6 or 9 digits
        #expect(rejection("123 4567", "MX") == .localOnly(countryCode: 52))
        #expect(rejection("+1415555010098765") == .moreThan15Digits)
        #expect(rejection("+290 123") == .tooShort(countryCode: 290))  // St Helena: 4 or 5 digits
        #expect(rejection("(201) 555-0123") == .needsDefaultCountry)
        #expect(rejection("12015550123") == .needsDefaultCountry)
    }

    @Test func descriptionsForPeople() {
        #expect(PhoneRejection.empty.description == "empty")
        #expect(PhoneRejection.containsLetters.description == "contains letters")
        #expect(PhoneRejection.scientificNotation("5.73E+11").description
            == "looks like Excel scientific notation (5.73E+11); format the column as text")
        #expect(PhoneRejection.unknownCountryCode("999").description == "unknown country calling code +999")
        #expect(PhoneRejection.tooShort(countryCode: 44).description == "too short for +44 (needs 7, 9 or 10 digits)")
        #expect(PhoneRejection.tooLong(countryCode: 1).description == "too long for +1 (needs 10 digits)")
        #expect(PhoneRejection.localOnly(countryCode: 52).description
            == "local number without area code for +52 (needs 10 digits)")
        #expect(PhoneRejection.moreThan15Digits.description == "more than 15 digits")
        // The core names no option; the command line adds "(--default-country)" (ErrorTextTests).
        #expect(PhoneRejection.needsDefaultCountry.description == "national number needs a default country")
        #expect(PhoneRejection.invalidCharacter("@").description == "contains an invalid character '@' (U+0040)")
        #expect(PhoneRejection.invalidCharacter("\u{07}").description == "contains a control character (U+0007)")
        #expect(PhoneRejection.invalidUTF8.description == "not valid UTF-8")
    }

    @Test func controlCharactersInsideAreRejectedButSurroundingWhitespaceIsNot() {
        #expect(rejection("+1 415\n555 0100") == .invalidCharacter("\n"))
        #expect(rejection("+1\u{0B}415 555 0100") == .invalidCharacter("\u{0B}"))
        #expect(normalized("\t+573001234567\r\n") == "+573001234567")
        #expect(normalized("\u{FEFF}\u{200E}+14155550100\u{200F}\u{00A0}") == "+14155550100")
    }
}

// MARK: - Accepted forms

@Suite struct PhoneFormTests {
    @Test func prefixesAndPunctuation() {
        #expect(normalized("+1 (415) 555-0100") == "+14155550100")
        #expect(normalized("0044 (0)20 7946 0018", "DE") == "+442079460018")
        #expect(normalized("+44 (0)7400 123456") == "+447400123456")
        #expect(normalized("011 44 20 7946 0018", "US") == "+442079460018")
        #expect(normalized("00 44 20 7946 0018") == "+442079460018")
        #expect(normalized("TEL:+14155550100") == "+14155550100")
        #expect(normalized("WhatsApp: +57 300 123 4567") == "+573001234567")
        #expect(normalized("tel:+1-201-555-0123;ext=1234") == "+12015550123")
        #expect(normalized("(415) 555-0100 x12", "US") == "+14155550100")
        #expect(normalized("https://wa.me/573001234567?text=hi") == "+573001234567")
        #expect(normalized("+39 06 1234 5678") == "+390612345678")
        #expect(normalized("(11) 2345-6789", "br") == "+551123456789")
    }

    @Test func excelForms() {
        #expect(normalized("'+447400123456") == "+447400123456")
        #expect(normalized("'07400 123456", "GB") == "+447400123456")
        #expect(normalized("573001234567.0", "CO") == "+573001234567")
        #expect(normalized("14155550100.00", "US") == "+14155550100")
        #expect(rejection("1.4155550100E10", "US") == .scientificNotation("1.4155550100E10"))
        #expect(rejection("5.73001E+11", "CO") == .scientificNotation("5.73001E+11"))
        #expect(rejection("#ERROR!") == .invalidCharacter("#"))
    }

    @Test func unicodeDigitsAndSeparators() {
        #expect(normalized("+\u{FF15}\u{FF17} \u{FF13}\u{FF10}\u{FF10} \u{FF11}\u{FF12}\u{FF13} \u{FF14}\u{FF15}\u{FF16}\u{FF17}")
            == "+573001234567")
        #expect(normalized("+\u{0662}\u{0660} \u{0661}\u{0660} \u{0660}\u{0661}\u{0662}\u{0663}\u{0664}\u{0665}\u{0666}\u{0667}")
            == "+201001234567")
        #expect(normalized("+\u{06F9}\u{06F8} 912 345 6789") == "+989123456789")  // Extended Arabic-Indic
        #expect(normalized("\u{FF0B}1\u{2013}415\u{2212}555\u{2011}0100") == "+14155550100")
        #expect(rejection("+1 415 \u{1F4DE} 555 0100") == .invalidCharacter("\u{1F4DE}"))
        #expect(rejection("+1 415 555 0100 \u{0430}") == .containsLetters)  // Cyrillic a
    }

    @Test func nationalNumbersAndTrunkPrefixes() {
        #expect(normalized("8 (912) 345-67-89", "RU") == "+79123456789")
        #expect(normalized("011 15 2345-6789", "AR") == "+5491123456789")
        #expect(normalized("0 21 11 96123-4567", "BR") == "+5511961234567")
        #expect(normalized("03 1 234 5678", "CO") == "+5712345678")
        #expect(normalized("045 55 1234 5678", "MX") == "+525512345678")
        #expect(normalized("+52 1 55 1234 5678") == "+525512345678")
        #expect(normalized("551123456789", "BR") == "+551123456789")
        #expect(normalized("62218350123", "ID") == "+6262218350123")
    }

    @Test func whatsAppIDMode() {
        #expect(normalized("5215512345678") == "REJECT: national number needs a default country")
        #expect(normalized("5215512345678", whatsAppIDs: true) == "+525512345678")
        #expect(normalized("14155550100", whatsAppIDs: true) == "+14155550100")
        #expect(normalized("551161234567", whatsAppIDs: true) == "+551161234567")
        #expect(normalized("5491123456789", whatsAppIDs: true) == "+5491123456789")
        // With a default country, wa_ids are still international: 62… is +62, not a national number.
        #expect(normalized("62218350123", "ID", whatsAppIDs: true) == "+62218350123")
        #expect(normalized("9991234567", whatsAppIDs: true) == "REJECT: unknown country calling code +999")
        // A leading 0 is never a wa_id: it is read as a national number of the default country.
        #expect(normalized("07400 123456", "GB", whatsAppIDs: true) == "+447400123456")
    }
}

// MARK: - PhoneNumber

@Suite struct PhoneNumberTests {
    @Test func e164AndDigits() throws {
        let number = try #require(PhoneNumber(e164: "+15551234567"))
        #expect(number.digits == 15_551_234_567)
        #expect(number.e164 == "+15551234567")
        #expect(number.description == "+15551234567")
        #expect(number.countryCode == 1)
        #expect(PhoneNumber(e164: "+447400123456")?.countryCode == 44)
        #expect(PhoneNumber(e164: "+5491123456789")?.countryCode == 54)
        #expect(PhoneNumber(e164: "+2250123456789")?.countryCode == 225)
        #expect(PhoneNumber(e164: "15551234567") == nil)
        #expect(PhoneNumber(e164: "+05551234567") == nil)
        #expect(PhoneNumber(e164: "+15551") == nil)
        #expect(PhoneNumber(e164: "+2901234")?.countryCode == 290)
        #expect(PhoneNumber(e164: "+1234567890123456") == nil)
        #expect(PhoneNumber(e164: "+1 5551234567") == nil)
        #expect(PhoneNumber(e164: "+\u{FF11}5551234567") == nil)
        #expect(PhoneNumber(digits: 12_345) == nil)
        #expect(PhoneNumber(digits: 431_234)?.e164 == "+431234")
        #expect(PhoneNumber(digits: 12_345_678)?.e164 == "+12345678")
        #expect(PhoneNumber(digits: 1_000_000_000_000_000) == nil)
    }

    /// The E.164 text is written digit by digit: every length, zeros inside and at the end, and the
    /// 16 bytes of a 15-digit number (one more than a string holds inline) read back as written.
    @Test func e164IsTheDigitsAfterAPlus() throws {
        var values: [UInt64] = [100_000, 431_234, 999_999, 10_000_000, 15_550_000_000, 999_999_999_999_999, 100_000_000_000_000]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { values.append(UInt64.random(in: 100_000..<1_000_000_000_000_000, using: &generator)) }
        for value in values {
            let number = try #require(PhoneNumber(digits: value))
            #expect(number.e164 == "+" + String(value))
            #expect(PhoneNumber(e164: number.e164) == number)
        }
    }

    @Test func ordersLikeTheText() throws {
        let texts = ["+4470000000", "+15551234567", "+447400123456", "+1555123456", "+99812345678"]
        let numbers = try texts.map { try #require(PhoneNumber(e164: $0)) }
        #expect(numbers.sorted().map(\.e164) == texts.sorted())
    }

    @Test func matchKeyFoldsTheWhatsAppQuirks() throws {
        func key(_ text: String) throws -> UInt64 { try #require(PhoneNumber(e164: text)).matchKey }
        #expect(try key("+5215512345678") == key("+525512345678"))
        #expect(try key("+5215512345678") == 525_512_345_678)
        #expect(try key("+5491123456789") == key("+541123456789"))
        #expect(try key("+5491123456789") == 541_123_456_789)
        #expect(try key("+5511961234567") == key("+551161234567"))
        #expect(try key("+5511961234567") == 551_161_234_567)
        // Landlines keep their own key: 8 digits starting 2–5 never get a ninth digit.
        #expect(try key("+551123456789") == 551_123_456_789)
        #expect(try key("+5511923456789") == 5_511_923_456_789)
        #expect(try key("+5511923456789") != key("+551123456789"))
        // Other countries are untouched.
        #expect(try key("+447400123456") == 447_400_123_456)
        #expect(try key("+5730012345678") == 5_730_012_345_678)
    }

    @Test func regions() {
        #expect(Region(code: "us")?.code == "US")
        #expect(Region(code: "MX")?.countryCode == 52)
        #expect(Region(code: "CA")?.countryCode == 1)
        #expect(Region(code: "GG")?.countryCode == 44)
        #expect(Region(code: "ZZ") == nil)
        #expect(Region(code: "001") == nil)
        #expect(Region(code: "U") == nil)
        #expect(Region(code: "ÜS") == nil)
    }
}

// MARK: - Entry points and hostile input

@Suite struct PhoneRobustnessTests {
    @Test func bytesAndStringAgree() {
        let inputs = [
            "+1 415 555 0100", "(201) 555-0123", "5215512345678", "N/A", "", "+\u{FF15}\u{FF17} 300 123 4567",
            "'07400 123456", "5.73E+11", "011 44 20 7946 0018", "+999 1", "0 21 11 96123-4567", "\u{260E}\u{FE0F} 3",
        ]
        for region in [nil, "US", "GB", "BR", "MX"] as [String?] {
            for whatsAppIDs in [false, true] {
                let normalizer = PhoneNormalizer(defaultRegion: region.flatMap { Region(code: $0) }, whatsAppIDs: whatsAppIDs)
                for input in inputs {
                    #expect(bytesResult(Array(input.utf8), normalizer) == normalizer.normalize(input), "\(input)")
                }
            }
        }
    }

    @Test func hostileInputNeverTraps() {
        let normalizer = PhoneNormalizer(defaultRegion: Region(code: "US"))
        let longDigits = String(repeating: "9", count: 10_000)
        #expect(normalizer.normalize(longDigits) == .failure(.moreThan15Digits))
        #expect(normalizer.normalize("+" + longDigits) == .failure(.moreThan15Digits))
        #expect(normalizer.normalize(String(repeating: "0", count: 10_000)) == .failure(.moreThan15Digits))
        #expect(normalizer.normalize("+1415\u{0}5550100") == .failure(.invalidCharacter("\u{0}")))
        #expect(bytesResult([0x2B, 0x31, 0xFF, 0x34], normalizer) == .failure(.invalidUTF8))
        #expect(bytesResult([0x2B, 0x31, 0xC3], normalizer) == .failure(.invalidUTF8))
        #expect(bytesResult([0x2B, 0x31, 0xED, 0xA0, 0x80], normalizer) == .failure(.invalidUTF8))  // surrogate
        #expect(bytesResult([0x2B, 0x31, 0xC0, 0xAB], normalizer) == .failure(.invalidUTF8))  // overlong
        #expect(bytesResult([0xE2, 0x80], normalizer) == .failure(.invalidUTF8))  // truncated at the end

        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet = Array("0123456789+-.() /'x\u{00A0}\u{FF10}".utf8)
        var accepted = 0
        for round in 0..<20_000 {
            let count = Int(generator.next() % 40)
            var bytes = [UInt8]()
            for _ in 0..<count {
                if round % 2 == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: generator.next()))
                } else {
                    bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
                }
            }
            for normalizer in [normalizer, PhoneNormalizer(), PhoneNormalizer(whatsAppIDs: true)] {
                if case .success(let number) = bytesResult(bytes, normalizer) {
                    accepted += 1
                    #expect(PhoneNumber(e164: number.e164) == number)
                    #expect(number.e164.utf8.count <= 16)
                }
            }
        }
        #expect(accepted > 0)
    }
}

