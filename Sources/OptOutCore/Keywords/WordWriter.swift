/// Writes normalised words separated by single spaces; a separator is only written once a
/// following word character arrives, so there is never a leading, trailing or double space.
struct WordWriter {
    /// Whether Cyrillic and Greek look-alikes of Latin letters are written as those letters
    /// (`ConfusableTable`): the folded layer's reading, not the exact one.
    var foldsConfusables = false
    /// Whether clause punctuation (`. , ; : ! ?`, line breaks, `¿ ¡ … ।`) is written as a line feed
    /// between words instead of a space: the intent layer's reading, clause by clause.
    var marksClauses = false
    private var pendingSeparator = false
    private var pendingClause = false

    /// What ends a clause with `marksClauses`: these ASCII bytes (`. , ; : ! ?` and line breaks)…
    static let clauseBytes: [UInt8] = Array(".,;:!?\n\r".utf8)
    /// …and these scalars: ¿ ¡ … and the danda ।.
    static let clauseScalars: [UInt32] = [0xBF, 0xA1, 0x2026, 0x964]
    /// The first UTF-8 byte of each of `clauseScalars`: a text without one of them, or of
    /// `clauseBytes`, has a single clause.
    static let clauseLeadBytes: [UInt8] = clauseScalars.compactMap { Unicode.Scalar($0).flatMap { UTF8.encode($0)?.first } }
    private var hasWritten = false

    /// Marks a word boundary.
    @inline(__always)
    mutating func separate() {
        if hasWritten { pendingSeparator = true }
    }

    /// Marks a clause boundary (with `marksClauses`).
    @inline(__always)
    mutating func breakClause() {
        if hasWritten {
            pendingSeparator = true
            pendingClause = true
        }
    }

    /// Writes one byte of a word.
    @inline(__always)
    mutating func writeWordByte(_ byte: UInt8, to output: inout [UInt8]) {
        if pendingSeparator {
            output.append(pendingClause ? 0x0A : 0x20)
            pendingSeparator = false
            pendingClause = false
        }
        output.append(byte)
        hasWritten = true
    }

    /// Handles one ASCII byte.
    @inline(__always)
    mutating func appendASCII(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            writeWordByte(byte, to: &output)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            writeWordByte(byte | 0x20, to: &output)
        case UInt8(ascii: "'"), UInt8(ascii: "`"):
            break  // apostrophes join: "don't" → "dont"
        default:
            if marksClauses, Self.clauseBytes.contains(byte) { breakClause() } else { separate() }
        }
    }

    /// Handles one (already compatibility-decomposed) Unicode scalar.
    mutating func appendScalar(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        if scalar.isASCII {
            appendASCII(UInt8(truncatingIfNeeded: scalar.value), to: &output)
            return
        }
        switch scalar.value {
        case 0x2018, 0x2019, 0x02BC, 0x2032, 0x00B4:
            return  // apostrophe look-alikes join like "'"
        case 0x00DF, 0x1E9E: writeWordString("ss", to: &output); return
        case 0x00E6, 0x00C6: writeWordString("ae", to: &output); return
        case 0x0153, 0x0152: writeWordString("oe", to: &output); return
        case 0x00F8, 0x00D8: writeWordString("o", to: &output); return
        case 0x0142, 0x0141: writeWordString("l", to: &output); return
        case 0x0111, 0x0110, 0x00F0, 0x00D0: writeWordString("d", to: &output); return
        case 0x00FE, 0x00DE: writeWordString("th", to: &output); return
        case 0x0131: writeWordString("i", to: &output); return
        default: break
        }
        if foldsConfusables, let row = ConfusableTable.scalars.sortedIndex(of: scalar.value) {
            ConfusableTable.letters.withUTF8Buffer { writeWordByte($0[row], to: &output) }
            return
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return  // diacritics and emoji variation selectors vanish
        case .format:
            if scalar.value == 0x200B { separate() }  // zero-width space separates; ZWJ etc. vanish
            return
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            for lowered in properties.lowercaseMapping.unicodeScalars {
                if lowered.properties.generalCategory == .nonspacingMark { continue }
                guard let encoded = UTF8.encode(lowered) else { continue }
                for byte in encoded { writeWordByte(byte, to: &output) }
            }
        default:
            // Spaces, punctuation, symbols, emoji, controls, unassigned; ¿ ¡ … । also end a clause.
            if marksClauses, Self.clauseScalars.contains(scalar.value) {
                breakClause()
            } else {
                separate()
            }
        }
    }

    /// Writes an ASCII string as part of a word.
    private mutating func writeWordString(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { buffer in
            for byte in buffer { writeWordByte(byte, to: &output) }
        }
    }
}
