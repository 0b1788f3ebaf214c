#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The text encodings an input file is read in (`--encoding`): UTF-8, which everything else assumes,
/// and Windows-1252, what Excel on Windows writes as "CSV" in Western Europe and the Americas.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    // MARK: - UTF-8

    /// Decodes the scalar starting at `index` (strict UTF-8: no overlong forms, surrogates or values
    /// past U+10FFFF); nil when the bytes there are not valid UTF-8.
    @inline(__always)
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

    /// The offset of the first byte of `bytes` that does not start a valid UTF-8 sequence; nil when
    /// all of them are valid. ASCII is skipped 16 bytes at a time (8 without SSE2), straight to the
    /// next byte of 0x80 or more, and two-byte sequences are checked inline, so text with an accent
    /// every few words costs little more than ASCII (on the filter-campaign benchmark file, a
    /// byte-at-a-time walk after each accent was 9% of the run's instructions).
    public static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        var index = 0
        while index < end {
            #if arch(x86_64)
            if index &+ 16 <= end {
                // The high bits of 16 bytes at once (SSE2, which every x86-64 processor has).
                let high = _mm_movemask_epi8(_mm_loadu_si128((base + index).assumingMemoryBound(to: __m128i.self)))
                if high == 0 {
                    index &+= 16
                    continue
                }
                index &+= Int(UInt32(bitPattern: high).trailingZeroBitCount)
            } else if bytes[index] < 0x80 {
                index &+= 1
                continue
            }
            #else
            if index &+ 8 <= end {
                let high = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) & 0x8080_8080_8080_8080
                if high == 0 {
                    index &+= 8
                    continue
                }
                index &+= high.trailingZeroBitCount &>> 3
            } else if bytes[index] < 0x80 {
                index &+= 1
                continue
            }
            #endif
            // Two-byte sequences (accented Latin letters), the common case, without the full decoder.
            let lead = bytes[index]
            if lead >= 0xC2, lead <= 0xDF, index &+ 1 < end, bytes[index &+ 1] & 0xC0 == 0x80 {
                index &+= 2
                continue
            }
            guard let (_, length) = decodeUTF8(bytes, index, end) else { return index }
            index &+= length
        }
        return nil
    }

    /// What an input that is not UTF-8 probably is, and how to read it: UTF-16 when it starts with
    /// that byte order mark, else Windows-1252 (the other single-byte encodings differ from it only in
    /// letters, never in digits or delimiters).
    public static func hint(forInputStarting start: UnsafeRawBufferPointer) -> String {
        if start.count >= 2, (start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF) {
            return "it looks like UTF-16; convert it with iconv -f UTF-16 -t UTF-8"
        }
        return windows1252Hint
    }

    /// The hint for bytes that are not UTF-8 past the start of an input.
    public static let windows1252Hint =
        "it looks like Windows-1252; convert it with iconv -f WINDOWS-1252 -t UTF-8, or give --encoding windows-1252"

    // MARK: - Windows-1252

    /// The scalars of bytes 0x80–0x9F in Windows-1252 (0 where the code page has no character); every
    /// other byte is the scalar of the same value, as in Latin-1.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The UTF-8 form of Windows-1252 `bytes` (the five unassigned bytes become U+FFFD).
    public static func utf8(fromWindows1252 bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                result.append(byte)
                continue
            }
            var value = UInt32(byte)
            if byte < 0xA0 {
                let mapped = windows1252High[Int(byte) - 0x80]
                value = mapped == 0 ? 0xFFFD : UInt32(mapped)
            }
            if value < 0x800 {
                result.append(UInt8(0xC0 | value >> 6))
            } else {
                result.append(UInt8(0xE0 | value >> 12))
                result.append(UInt8(0x80 | (value >> 6) & 0x3F))
            }
            result.append(UInt8(0x80 | value & 0x3F))
        }
        return result
    }

    /// Whether `bytes` hold any byte of 0x80 or more (only those differ between the encodings).
    @inline(__always)
    public static func hasHighBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.contains { $0 >= 0x80 }
    }
}
