// MARK: - Lexical helpers for PhoneNormalizer

/// Byte-level reading of phone text: trimming, prefixes, spreadsheet artefacts, UTF-8 and character classes.
extension PhoneNormalizer {
    /// What one Unicode scalar is to a phone number.
    enum CharacterClass: Equatable {
        /// A decimal digit of any script, with its value 0–9.
        case digit(UInt8)
        /// `+` or the full-width plus.
        case plus
        /// Spaces, dashes, dots, slashes, parentheses, brackets and invisible marks.
        case separator
        /// A letter of any script.
        case letter
        /// Anything else: symbols, emoji, control characters.
        case invalid
    }

    /// `tel:`-style prefixes that are dropped (case-insensitive).
    static let schemePrefixes: [StaticString] = ["tel://", "tel:", "callto://", "callto:", "whatsapp:", "sms:"]

    /// Link prefixes whose number is international even without a `+` (case-insensitive).
    static let linkPrefixes: [StaticString] = [
        "https://wa.me/", "http://wa.me/", "wa.me/",
        "https://api.whatsapp.com/send?phone=", "http://api.whatsapp.com/send?phone=",
        "api.whatsapp.com/send?phone=",
    ]

    /// Extension markers, longest first (case-insensitive).
    static let extensionMarkers: [StaticString] = ["extension", "extn", "ext", "x"]

    // MARK: Classification

    /// The class of a scalar value.
    static func classify(_ value: UInt32) -> CharacterClass {
        switch value {
        case 0x30...0x39: return .digit(UInt8(value - 0x30))
        case 0x2B, 0xFF0B: return .plus
        case 0x20, 0x2D, 0x2E, 0x2F, 0x28, 0x29, 0x5B, 0x5D: return .separator
        case 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x00...0x7F: return .invalid
        case 0xA0, 0xAD, 0x2000...0x2015, 0x202A...0x202F, 0x205F...0x2064, 0x2066...0x2069, 0x2212, 0x3000,
             0xFEFF, 0xFF08, 0xFF09, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF3B, 0xFF3D:
            return .separator
        default:
            guard let scalar = Unicode.Scalar(value) else { return .invalid }
            let properties = scalar.properties
            if properties.numericType == .decimal, let number = properties.numericValue,
               number >= 0, number <= 9 {
                return .digit(UInt8(number))
            }
            if properties.isAlphabetic { return .letter }
            return .invalid
        }
    }

    /// True for whitespace and invisible marks that may surround a number.
    static func isEdgeIgnorable(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0xA0, 0xAD, 0x1680, 0x2000...0x200F, 0x2028...0x202F, 0x205F...0x206F, 0x3000,
             0xFEFF:
            return true
        default:
            return false
        }
    }

    // MARK: UTF-8

    /// Decodes the scalar starting at `index` (strict UTF-8); nil when the bytes are not valid UTF-8.
    static func decodeUTF8(_ bytes: UnsafeRawBufferPointer, _ index: Int, _ end: Int) -> (UInt32, Int)? {
        guard index < end else { return nil }
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard end - index >= length else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        switch length {
        case 3 where value < 0x800 || (0xD800...0xDFFF).contains(value): return nil
        case 4 where value < 0x10000 || value > 0x10FFFF: return nil
        default: return (value, length)
        }
    }

    // MARK: Trimming and prefixes

    /// Moves `start` and `end` past surrounding whitespace and invisible marks.
    static func trim(_ bytes: UnsafeRawBufferPointer, start: inout Int, end: inout Int) {
        while start < end {
            guard let (value, length) = decodeUTF8(bytes, start, end), isEdgeIgnorable(value) else { break }
            start += length
        }
        while start < end {
            var lead = end - 1
            while lead > start, end - lead < 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard let (value, length) = decodeUTF8(bytes, lead, end), lead + length == end,
                  isEdgeIgnorable(value) else { break }
            end = lead
        }
    }

    /// True when the bytes from `start` begin with `prefix`, ignoring ASCII case.
    static func hasASCIIPrefix(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ prefix: StaticString)
        -> Bool
    {
        let count = prefix.utf8CodeUnitCount
        guard end - start >= count else { return false }
        let pointer = prefix.utf8Start
        for offset in 0..<count where lowercased(bytes[start + offset]) != lowercased(pointer[offset]) {
            return false
        }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    // MARK: Spreadsheet artefacts

    /// For `[+]digits.0…0` (a number column read as a float), the index of the dot.
    static func excelFloatDot(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
        var index = start
        if index < end, bytes[index] == UInt8(ascii: "+") { index += 1 }
        let digitsStart = index
        while index < end, isASCIIDigit(bytes[index]) { index += 1 }
        guard index > digitsStart, index < end, bytes[index] == UInt8(ascii: ".") else { return nil }
        let dot = index
        index += 1
        guard index < end else { return nil }
        while index < end {
            guard bytes[index] == UInt8(ascii: "0") else { return nil }
            index += 1
        }
        return dot
    }

    /// True for `[+-]digits[.digits]E[+-]digits`, e.g. "5.73E+11".
    static func isScientificNotation(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var index = start
        if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let mantissaStart = index
        while index < end, isASCIIDigit(bytes[index]) { index += 1 }
        guard index > mantissaStart else { return false }
        if index < end, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            while index < end, isASCIIDigit(bytes[index]) { index += 1 }
        }
        guard index < end, bytes[index] | 0x20 == UInt8(ascii: "e") else { return false }
        index += 1
        if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let exponentStart = index
        while index < end, isASCIIDigit(bytes[index]) { index += 1 }
        return index > exponentStart && index == end
    }

    /// Where a trailing extension (`x12`, `ext. 12`, `extension 12`, `;ext=12`) starts, if there is one
    /// after at least one digit of the number.
    static func extensionStart(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
        var letter = start
        var sawDigit = false
        while letter < end {
            let byte = bytes[letter]
            if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { break }
            if isASCIIDigit(byte) { sawDigit = true }
            letter += 1
        }
        guard sawDigit, letter < end else { return nil }
        var index = letter
        var matched = false
        for marker in extensionMarkers where hasASCIIPrefix(bytes, letter, end, marker) {
            index = letter + marker.utf8CodeUnitCount
            matched = true
            break
        }
        guard matched else { return nil }
        while index < end, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ":")
            || bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: " ") { index += 1 }
        let digitsStart = index
        while index < end, isASCIIDigit(bytes[index]) { index += 1 }
        guard index > digitsStart, index == end else { return nil }
        var cut = letter
        var before = letter
        while before > start, bytes[before - 1] == UInt8(ascii: " ") { before -= 1 }
        if before > start, bytes[before - 1] == UInt8(ascii: ";") { cut = before - 1 }
        return cut
    }
}
