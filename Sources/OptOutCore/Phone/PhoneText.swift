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

    /// True for whitespace and invisible marks that may surround a number: Unicode's white space and
    /// format marks, the information separators U+001C–U+001F and NEL (white space to most string
    /// libraries), and the NUL a clipboard or a C program leaves at the end. Other control characters
    /// (BEL, ESC, DEL…) are corruption, not copy-paste, and are refused.
    static func isEdgeIgnorable(_ value: UInt32) -> Bool {
        switch value {
        case 0x00, 0x09...0x0D, 0x1C...0x1F, 0x20, 0x85, 0xA0, 0xAD, 0x1680, 0x2000...0x200F, 0x2028...0x202F,
             0x205F...0x206F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    // MARK: Trimming and prefixes

    /// Moves `start` and `end` past surrounding whitespace and invisible marks.
    static func trim(_ bytes: UnsafeRawBufferPointer, start: inout Int, end: inout Int) {
        while start < end {
            guard let (value, length) = TextEncoding.decodeUTF8(bytes, start, end), isEdgeIgnorable(value) else { break }
            start += length
        }
        while start < end {
            var lead = end - 1
            while lead > start, end - lead < 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard let (value, length) = TextEncoding.decodeUTF8(bytes, lead, end), lead + length == end,
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

    /// Quote pairs that may surround a number pasted into a cell: ASCII, English, German and French.
    static let quotePairs: [(open: StaticString, close: StaticString)] = [
        ("\"", "\""), ("\u{201C}", "\u{201D}"), ("\u{201E}", "\u{201C}"), ("\u{2018}", "\u{2019}"),
        ("\u{00AB}", "\u{00BB}"),
    ]

    /// Moves `start` and `end` inside the text forms a spreadsheet or a person wraps a number in:
    /// Excel's formula text `="…"` and `=…`, its leading `'` (text marker, with or without a closing
    /// one), and one pair of surrounding quotes; in any nesting, trimming between them.
    static func unwrapSpreadsheetText(_ bytes: UnsafeRawBufferPointer, start: inout Int, end: inout Int) {
        for _ in 0..<4 {
            let before = (start, end)
            if start < end, bytes[start] == UInt8(ascii: "=") {
                start += 1
                if end - start >= 2, bytes[start] == UInt8(ascii: "\""), bytes[end - 1] == UInt8(ascii: "\"") {
                    start += 1
                    end -= 1
                }
            } else if start < end, bytes[start] == UInt8(ascii: "'") {
                start += 1
                if end > start, bytes[end - 1] == UInt8(ascii: "'") { end -= 1 }
            } else {
                for pair in quotePairs {
                    let open = pair.open.utf8CodeUnitCount
                    let close = pair.close.utf8CodeUnitCount
                    guard end - start >= open + close, hasASCIIPrefix(bytes, start, end, pair.open),
                          hasASCIIPrefix(bytes, end - close, end, pair.close) else { continue }
                    start += open
                    end -= close
                    break
                }
            }
            trim(bytes, start: &start, end: &end)
            if before == (start, end) { return }
        }
    }

    /// For `[+]digits.0…0` or `[+]digits,0…0` (a number column read as a float, with a decimal point
    /// or a European decimal comma), the index of the point or comma.
    static func excelFloatDot(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
        var index = start
        if index < end, bytes[index] == UInt8(ascii: "+") { index += 1 }
        let digitsStart = index
        while index < end, isASCIIDigit(bytes[index]) { index += 1 }
        guard index > digitsStart, index < end, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",")
        else { return nil }
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

    /// The most digits an extension may have; more after a marker is not an extension.
    static let maximumExtensionDigits = 9

    /// Where a trailing extension starts, if there is one after at least one digit of the number: a
    /// marker (`x`, `ext`, `ext.`, `extn`, `extension`, `#`, case-insensitive, after an optional `;`),
    /// separators `.` `:` `=` and spaces, up to `maximumExtensionDigits` digits (none is fine: `x` or
    /// `#` alone is an empty extension), an optional closing `#`, and the end of the text.
    static func extensionStart(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
        var marker = start
        var sawDigit = false
        while marker < end {
            let byte = bytes[marker]
            if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "#") { break }
            if isASCIIDigit(byte) { sawDigit = true }
            marker += 1
        }
        guard sawDigit, marker < end else { return nil }
        var index = marker
        if bytes[marker] == UInt8(ascii: "#") {
            index += 1
        } else {
            guard let found = extensionMarkers.first(where: { hasASCIIPrefix(bytes, marker, end, $0) }) else { return nil }
            index = marker + found.utf8CodeUnitCount
        }
        while index < end, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ":")
            || bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: " ") { index += 1 }
        let digitsStart = index
        while index < end, isASCIIDigit(bytes[index]) { index += 1 }
        guard index - digitsStart <= maximumExtensionDigits else { return nil }
        if index < end, bytes[index] == UInt8(ascii: "#") { index += 1 }
        guard index == end else { return nil }
        var cut = marker
        var before = marker
        while before > start, bytes[before - 1] == UInt8(ascii: " ") { before -= 1 }
        if before > start, bytes[before - 1] == UInt8(ascii: ";") { cut = before - 1 }
        return cut
    }
}
