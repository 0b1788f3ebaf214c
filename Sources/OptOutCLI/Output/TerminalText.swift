/// Text for a terminal, made safe: what optout did not write itself (stored reasons, actors, message
/// ids, keywords, inputs) could hold a newline that draws a fake line, an escape sequence that drives
/// the terminal, or a bidi control that reorders what a person reads (contract §7).
///
/// Control characters (C0 and C1, DEL) become `\n`, `\r`, `\t` or `\u{1B}`; bidi controls and the
/// line and paragraph separators become `\u{202E}`. Everything else, backslashes included, is kept.
/// CSV and JSON output are never passed through this: they stay exact (JSON escapes its own).
enum TerminalText {
    static func escaped(_ text: String) -> String {
        // Printable ASCII needs nothing, and is most of what is written: checked on bytes first, as
        // decoding scalars cost a result line of `ingest-message --jsonl` 4,700 instructions.
        let printable = text.utf8.withContiguousStorageIfAvailable { isPrintableASCII(UnsafeRawBufferPointer($0)) }
        if printable == true { return text }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// Whether `bytes` are all printable ASCII (space to `~`), which is never escaped: the check
    /// before any scalar is decoded, here and for table cells (`TableRow`).
    @inline(__always)
    static func isPrintableASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }

    /// C0, DEL, C1, the bidi embeddings, overrides, isolates and marks, and U+2028/U+2029.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
