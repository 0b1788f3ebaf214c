// MARK: - Phone normalizer

/// Turns any input into E.164 or a precise rejection. The one function every path uses.
///
/// Accepted: `+`, `00` (also without a default country) and the default country's international
/// prefixes (011 from the US…); with a default country whose prefixes do not include `00` (US, CO…),
/// `00…` is read as a national number, as libphonenumber and the phone sample (Tests/Fixtures/phones-sample.tsv) do. Spaces, dashes, dots, slashes, parentheses and brackets, `tel:`,
/// `callto:`, `sms:` and `whatsapp:` prefixes, `wa.me/` and `api.whatsapp.com/send?phone=` links (read
/// as international), Unicode decimal digits, Excel's formula text (`="…"`, `=+…`), leading `'` and
/// trailing `.0`/`,0`, surrounding quotes, whitespace and invisible marks, a repeated leading `+`, an
/// extension (`x12`, `ext. 12`, `;ext=12`, `#12`, or a bare `x`/`#`, dropped), trunk prefixes
/// (`0…`, `8…`, `+44 (0)…`, `+91 0…`) as the country table describes them. Mexico's legacy mobile
/// forms (`+52 1…`, national `044`/`045`/`01`, `1…`) become the current 10-digit form.
///
/// Bare digits without `+` or an international prefix are a national number of the default country;
/// when they start with that country's calling code, the code is taken as a country code only if the
/// rest is a possible national number and the whole is not a mobile-length national number (the
/// table's stand-in for libphonenumber's "the whole does not match the national pattern"). Without a
/// default country they are rejected, unless `whatsAppIDs` is set (WhatsApp ids are international
/// numbers without the `+`).
public struct PhoneNormalizer: Sendable {
    /// Country used for national numbers and for its international dialling prefixes.
    public let defaultRegion: Region?
    /// Read bare digits as international numbers without the `+`.
    public let whatsAppIDs: Bool

    /// A normalizer for one default country (or none) and one reading of bare digits.
    public init(defaultRegion: Region? = nil, whatsAppIDs: Bool = false) {
        self.defaultRegion = defaultRegion
        self.whatsAppIDs = whatsAppIDs
    }

    /// Reads any identifier a person or a file gives (contract §3): a WhatsApp business-scoped user id
    /// (`US.1349…`, `US.ENT.…`, also after `whatsapp:` and surrounding spaces), kept exactly as
    /// written, or else a phone number as `normalize(_:)` reads it.
    public func identifier(_ input: String) -> Result<Identifier, PhoneRejection> {
        var input = input
        return input.withUTF8 { identifier(UnsafeRawBufferPointer($0)) }
    }

    /// `identifier(_:)` on UTF-8 bytes. A BSUID is ASCII, so trimming spaces and tabs byte by byte
    /// finds the same one that trimming characters would.
    public func identifier(_ bytes: UnsafeRawBufferPointer) -> Result<Identifier, PhoneRejection> {
        var text = bytes[...]
        while let first = text.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { text = text.dropFirst() }
        while let last = text.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { text = text.dropLast() }
        if text.starts(with: "whatsapp:".utf8) { text = text.dropFirst("whatsapp:".utf8.count) }
        if let user = UserID(UnsafeRawBufferPointer(rebasing: text)) { return .success(.user(user)) }
        return normalize(bytes).map(Identifier.phone)
    }

    /// Normalizes text; same result as the bytes entry point on its UTF-8.
    public func normalize(_ input: String) -> Result<PhoneNumber, PhoneRejection> {
        var text = input
        return text.withUTF8 { normalize(UnsafeRawBufferPointer($0)) }
    }

    /// Hot path for CSV fields: no heap allocation on the success path for ASCII input.
    ///
    /// The common shapes (ASCII digits with an optional leading `+`, spaces, dashes, dots, slashes,
    /// parentheses and brackets) are read in one pass (`scanCommonShape`); anything else takes the
    /// full lexical pass. Both give the same result for every input (a differential test checks it).
    public func normalize(_ bytes: UnsafeRawBufferPointer) -> Result<PhoneNumber, PhoneRejection> {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Scratch.size) { scratch in
            guard scratch.count >= Scratch.size, let base = scratch.baseAddress else {
                return .failure(.empty)
            }
            if let shape = Self.scanCommonShape(bytes, into: base + Scratch.digits) {
                return parse(
                    UnsafeBufferPointer(start: base + Scratch.digits, count: shape.count),
                    international: shape.plus, scratch: scratch)
            }
            return normalize(bytes, scratch: scratch)
        }
    }

    /// The full lexical pass only (no fast path), for the differential test.
    func normalizeWithoutFastPath(_ bytes: UnsafeRawBufferPointer) -> Result<PhoneNumber, PhoneRejection> {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Scratch.size) { scratch in
            normalize(bytes, scratch: scratch)
        }
    }

    // MARK: - Scratch memory

    /// Layout of the per-call stack buffer: collected digits, two work areas and capture slots.
    private enum Scratch {
        static let digitCapacity = 48
        static let digits = 0
        static let first = 48
        static let second = 96
        static let slots = 144
        static let slotCount = 16
        static let size = 160
        /// More raw digits than any number with prefixes can have (IDD up to 8 + 15).
        static let maximumRawDigits = 40
    }

    // MARK: - Fast lexical pass

    /// Reads the common shape in one pass: ASCII digits, at most one `+` before the first digit, and the
    /// separators space `-` `.` `/` `(` `)` `[` `]`. Writes the digit values to `digits` (room for
    /// `Scratch.digitCapacity`) and returns their count and whether a `+` was seen.
    ///
    /// Nil sends the input to the full pass: any other byte (letters, `'`, tabs, non-ASCII…), no
    /// digit, a misplaced `+`, more than `Scratch.maximumRawDigits` digits, or a dot that may be
    /// Excel's `.0` float suffix. For the bytes it accepts, the full pass would trim only spaces, find
    /// no prefix, scientific notation or extension (they need letters), and classify every byte the
    /// same way, so the digits and the `+` flag are the same.
    @inline(__always)
    static func scanCommonShape(_ bytes: UnsafeRawBufferPointer, into digits: UnsafeMutablePointer<UInt8>)
        -> (count: Int, plus: Bool)?
    {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let end = bytes.count
        var count = 0
        var plus = false
        var dot = false
        var index = 0
        while index < end {
            let byte = base[index]
            index &+= 1
            let value = byte &- 0x30
            if value < 10 {
                guard count < Scratch.maximumRawDigits else { return nil }
                digits[count] = value
                count &+= 1
                continue
            }
            switch byte {
            case 0x20, 0x2D, 0x2F, 0x28, 0x29, 0x5B, 0x5D:
                continue
            case 0x2E:
                dot = true
            case 0x2B:
                guard !plus, count == 0 else { return nil }
                plus = true
            default:
                return nil
            }
        }
        guard count > 0 else { return nil }
        if dot {
            var start = 0
            var stop = end
            while start < stop, base[start] == 0x20 { start &+= 1 }
            while stop > start, base[stop &- 1] == 0x20 { stop &-= 1 }
            if excelFloatDot(bytes, start, stop) != nil { return nil }
        }
        return (count, plus)
    }

    // MARK: - Lexical pass

    private func normalize(
        _ bytes: UnsafeRawBufferPointer, scratch: UnsafeMutableBufferPointer<UInt8>
    ) -> Result<PhoneNumber, PhoneRejection> {
        guard scratch.count >= Scratch.size else { return .failure(.empty) }
        var start = 0
        var end = bytes.count
        Self.trim(bytes, start: &start, end: &end)
        Self.unwrapSpreadsheetText(bytes, start: &start, end: &end)
        var isLink = false
        for prefix in Self.schemePrefixes where Self.hasASCIIPrefix(bytes, start, end, prefix) {
            start += prefix.utf8CodeUnitCount
            break
        }
        for prefix in Self.linkPrefixes where Self.hasASCIIPrefix(bytes, start, end, prefix) {
            start += prefix.utf8CodeUnitCount
            isLink = true
            var index = start
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "/") {
                    end = index
                    break
                }
                index += 1
            }
            break
        }
        Self.trim(bytes, start: &start, end: &end)
        guard start < end else { return .failure(.empty) }

        if let dot = Self.excelFloatDot(bytes, start, end) { end = dot }
        if Self.isScientificNotation(bytes, start, end) {
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            return .failure(.scientificNotation(text))
        }
        if let cut = Self.extensionStart(bytes, start, end) { end = cut }

        // Collect digits; reject anything that is not a digit, a leading plus or a separator.
        let digitBuffer = UnsafeMutableBufferPointer(rebasing: scratch[Scratch.digits..<Scratch.first])
        var count = 0
        var sawPlus = false
        var previousWasPlus = false
        var index = start
        while index < end {
            let scalar: UInt32
            let length: Int
            let lead = bytes[index]
            if lead < 0x80 {
                scalar = UInt32(lead)
                length = 1
            } else {
                guard let decoded = TextEncoding.decodeUTF8(bytes, index, end) else { return .failure(.invalidUTF8) }
                (scalar, length) = decoded
            }
            index += length
            let characterClass = Self.classify(scalar)
            defer { previousWasPlus = characterClass == .plus }
            switch characterClass {
            case .digit(let value):
                if count < Scratch.digitCapacity { digitBuffer[count] = value }
                count += 1
            case .plus:
                // `++44…` is one plus typed twice; a plus after digits or after a gap is a second number.
                if count > 0 || (sawPlus && !previousWasPlus) { return .failure(.misplacedPlus) }
                sawPlus = true
            case .separator:
                continue
            case .letter:
                return .failure(.containsLetters)
            case .invalid:
                return .failure(.invalidCharacter(Unicode.Scalar(scalar) ?? "\u{FFFD}"))
            }
        }
        guard count > 0 else { return .failure(.noDigits) }
        guard count <= Scratch.maximumRawDigits else { return .failure(.moreThan15Digits) }
        return parse(
            UnsafeBufferPointer(rebasing: digitBuffer[0..<count]), international: sawPlus || isLink,
            scratch: scratch)
    }

    // MARK: - Numbering pass

    /// Finds the country calling code and national number in `digits` (values 0–9).
    private func parse(
        _ digits: UnsafeBufferPointer<UInt8>, international startsInternational: Bool,
        scratch: UnsafeMutableBufferPointer<UInt8>
    ) -> Result<PhoneNumber, PhoneRejection> {
        let first = UnsafeMutableBufferPointer(rebasing: scratch[Scratch.first..<Scratch.second])
        let second = UnsafeMutableBufferPointer(rebasing: scratch[Scratch.second..<Scratch.slots])
        let slots = UnsafeMutableBufferPointer(rebasing: scratch[Scratch.slots..<Scratch.slots + Scratch.slotCount])
        var international = startsInternational
        var offset = 0
        let home = defaultRegion?.callingCode

        if !international {
            // An international dialling prefix: the default country's, or 00 without one.
            if let home {
                for index in 0..<home.iddCount {
                    let (value, length) = home.idd(index)
                    guard Self.hasDigitPrefix(digits, value: UInt64(value), length: length) else { continue }
                    if digits.count == length { return .failure(.missingCountryCode) }
                    if digits[length] != 0 {
                        offset = length
                        international = true
                        break
                    }
                }
            } else if digits.count >= 2, digits[0] == 0, digits[1] == 0 {
                if digits.count == 2 { return .failure(.missingCountryCode) }
                if digits[2] != 0 {
                    offset = 2
                    international = true
                }
            }
            if !international, whatsAppIDs, digits[0] != 0 { international = true }
        }

        if international {
            return parseInternational(UnsafeBufferPointer(rebasing: digits[offset...]), into: first, slots: slots)
        }

        guard let home else { return .failure(.needsDefaultCountry) }
        // Bare digits that begin with the default country's own calling code.
        let codeLength = home.digitCount
        if digits.count > codeLength,
           Self.hasDigitPrefix(digits, value: UInt64(home.code), length: codeLength) {
            var potential = UnsafeBufferPointer(rebasing: digits[codeLength...])
            if let stripped = stripNationalPrefix(home, potential, into: first, slots: slots) {
                potential = stripped
            }
            let wholeIsNational = home.isMobileLength(digits.count)
            if (!wholeIsNational && Self.isPossible(home, potential)) || digits.count > home.maximumLength {
                return finish(home, potential, into: second, slots: slots)
            }
        }
        var national = digits
        if home.code == 52 {
            // Mexico's pre-2019 national prefixes: 044/045 (mobile) and 01 (long distance).
            if national.count == 13, national[0] == 0, national[1] == 4, national[2] == 4 || national[2] == 5 {
                national = UnsafeBufferPointer(rebasing: national[3...])
            } else if national.count == 12, national[0] == 0, national[1] == 1 {
                national = UnsafeBufferPointer(rebasing: national[2...])
            }
        }
        return finish(home, national, into: first, slots: slots)
    }

    /// Reads `rest` (the digits after `+` or an international prefix) as calling code + national number.
    private func parseInternational(
        _ rest: UnsafeBufferPointer<UInt8>, into work: UnsafeMutableBufferPointer<UInt8>,
        slots: UnsafeMutableBufferPointer<UInt8>
    ) -> Result<PhoneNumber, PhoneRejection> {
        guard !rest.isEmpty else { return .failure(.missingCountryCode) }
        var country: CallingCode?
        var codeLength = 0
        if rest[0] != 0 {
            var code = 0
            for length in 1...min(3, rest.count) {
                code = code * 10 + Int(rest[length - 1])
                if let found = CallingCode(code: code) {
                    country = found
                    codeLength = length
                    break
                }
            }
        }
        guard let country else {
            var text = ""
            for digit in rest.prefix(3) { text.append(Character(Unicode.Scalar(digit + 48))) }
            return .failure(.unknownCountryCode(text))
        }
        return finish(country, UnsafeBufferPointer(rebasing: rest[codeLength...]), into: work, slots: slots)
    }

    /// Strips a trunk prefix when that leaves a possible number, folds Mexico's legacy 1, checks lengths.
    private func finish(
        _ country: CallingCode, _ number: UnsafeBufferPointer<UInt8>, into work: UnsafeMutableBufferPointer<UInt8>,
        slots: UnsafeMutableBufferPointer<UInt8>
    ) -> Result<PhoneNumber, PhoneRejection> {
        var national = number
        if let stripped = stripNationalPrefix(country, national, into: work, slots: slots),
           Self.isPossible(country, stripped) || Self.foldedLength(country, stripped) > country.maximumLength {
            national = stripped
        }
        if country.code == 52, national.count == 11, national[0] == 1 {
            national = UnsafeBufferPointer(rebasing: national[1...])
        }
        let length = national.count
        guard length > 0 else { return .failure(.tooShort(countryCode: country.code)) }
        if country.digitCount + length > 15 { return .failure(.moreThan15Digits) }
        guard country.isPossibleLength(length) else {
            if country.isLocalOnlyLength(length) { return .failure(.localOnly(countryCode: country.code)) }
            if length < country.minimumLength { return .failure(.tooShort(countryCode: country.code)) }
            if length > country.maximumLength { return .failure(.tooLong(countryCode: country.code)) }
            return .failure(.invalidLength(countryCode: country.code))
        }
        var value = UInt64(country.code)
        for digit in national { value = value &* 10 &+ UInt64(digit) }
        guard let number = PhoneNumber(digits: value) else { return .failure(.tooShort(countryCode: country.code)) }
        return .success(number)
    }

    /// Applies the country's national-prefix-for-parsing rule (libphonenumber's
    /// `maybeStripNationalPrefixAndCarrierCode`), writing the result into `work`; nil when nothing applies.
    ///
    /// "Viable" is judged by possible lengths, the table's stand-in for the national number pattern.
    private func stripNationalPrefix(
        _ country: CallingCode, _ number: UnsafeBufferPointer<UInt8>, into work: UnsafeMutableBufferPointer<UInt8>,
        slots: UnsafeMutableBufferPointer<UInt8>
    ) -> UnsafeBufferPointer<UInt8>? {
        let program = country.prefixProgram
        guard !number.isEmpty, !program.isEmpty else { return nil }
        // Most numbers cannot start a match (the US needs a leading 1, most countries a 0): skip the VM.
        let firstDigits = NationalPrefixMatcher.firstDigitMasks.withUnsafeBufferPointer { $0[country.row] }
        guard firstDigits & (UInt16(1) << UInt16(truncatingIfNeeded: number[0])) != 0 else { return nil }
        let groups = country.prefixGroupCount
        guard 2 * groups + 2 <= slots.count else { return nil }
        let groupSlots = UnsafeMutableBufferPointer(rebasing: slots[0..<(2 * groups + 2)])
        guard let matchEnd = NationalPrefixMatcher.match(program: program, digits: number, slots: groupSlots),
              matchEnd <= number.count else { return nil }
        let viableOriginal = Self.isPossible(country, number)
        let rule = country.transformRule
        let lastStart = groups > 0 ? Int(groupSlots[2 * groups]) : Int(NationalPrefixMatcher.unset)
        let lastEnd = groups > 0 ? Int(groupSlots[2 * groups + 1]) : Int(NationalPrefixMatcher.unset)
        var written = 0
        if !rule.isEmpty, groups > 0, lastStart != Int(NationalPrefixMatcher.unset),
           lastEnd != Int(NationalPrefixMatcher.unset) {
            for index in rule {
                let item = CountryTable.transform[index]
                if item >= 48 {
                    guard written < work.count else { return nil }
                    work[written] = item - 48
                    written += 1
                } else {
                    let group = Int(item)
                    guard group <= groups else { return nil }
                    let from = Int(groupSlots[2 * group])
                    let to = Int(groupSlots[2 * group + 1])
                    guard from != Int(NationalPrefixMatcher.unset), to != Int(NationalPrefixMatcher.unset),
                          from <= to, to <= number.count else { continue }
                    for position in from..<to {
                        guard written < work.count else { return nil }
                        work[written] = number[position]
                        written += 1
                    }
                }
            }
        }
        for position in matchEnd..<number.count {
            guard written < work.count else { return nil }
            work[written] = number[position]
            written += 1
        }
        let result = UnsafeBufferPointer(rebasing: work[0..<written])
        if viableOriginal && !Self.isPossible(country, result) { return nil }
        return result
    }

    // MARK: - Length helpers

    /// National length after folding Mexico's legacy mobile 1 (1 + 10 digits counts as 10).
    private static func foldedLength(_ country: CallingCode, _ number: UnsafeBufferPointer<UInt8>) -> Int {
        if country.code == 52, number.count == 11, number[0] == 1 { return 10 }
        return number.count
    }

    /// True when `number` is a possible national number of `country`.
    private static func isPossible(_ country: CallingCode, _ number: UnsafeBufferPointer<UInt8>) -> Bool {
        country.isPossibleLength(foldedLength(country, number))
    }

    /// True when `digits` starts with the `length`-digit decimal `value` (leading zeros included).
    private static func hasDigitPrefix(_ digits: UnsafeBufferPointer<UInt8>, value: UInt64, length: Int) -> Bool {
        guard length > 0, digits.count >= length else { return false }
        var rest = value
        var position = length - 1
        while position >= 0 {
            if UInt64(digits[position]) != rest % 10 { return false }
            rest /= 10
            position -= 1
        }
        return rest == 0
    }
}
