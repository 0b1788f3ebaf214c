import OptOutPlatform

/// An instant, in whole milliseconds since 1970-01-01T00:00:00Z.
///
/// Parsed from what people type (`2026-03-01`, `2026-03-01T09:30:00Z`, `2026-03-01T09:30:00-05:00`,
/// Unix seconds) and printed as ISO 8601 UTC with `Z`. Calendar arithmetic is done here, in the
/// proleptic Gregorian calendar, so neither parsing nor printing needs Foundation.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch.
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// The instant `seconds` after the epoch.
    public init(seconds: Int64) { self.milliseconds = seconds &* 1000 }

    /// This instant moved by `delta` milliseconds, saturating at the ends of the range.
    public func adding(milliseconds delta: Int64) -> Timestamp {
        let (sum, overflow) = milliseconds.addingReportingOverflow(delta)
        return Timestamp(milliseconds: overflow ? (delta > 0 ? .max : .min) : sum)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The current time from the system clock.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    // MARK: - Printing

    /// ISO 8601 in UTC: `2026-03-01T09:30:00Z`, with `.mmm` only when the milliseconds are not zero.
    public var iso8601: String {
        withISO8601Bytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The most bytes `writeISO8601(to:)` writes (a nine-digit negative year with milliseconds).
    public static let maximumISO8601Length = 32

    /// Calls `body` with the bytes of `iso8601`, formatted on the stack without allocating; used by
    /// exports that write one timestamp per field.
    @inline(__always)
    public func withISO8601Bytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withISO8601Buffer { base, count in try body(UnsafeRawBufferPointer(start: base, count: count)) }
    }

    /// Calls `body` with a stack buffer holding the ISO 8601 form and its length (the one place that
    /// formats on the stack, for `withISO8601Bytes` and `withShortUTCBytes`).
    @inline(__always)
    private func withISO8601Buffer<R>(_ body: (UnsafeMutablePointer<UInt8>?, Int) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Timestamp.maximumISO8601Length) { buffer in
            guard let base = buffer.baseAddress else { return try body(nil, 0) }
            return try body(base, writeISO8601(to: base))
        }
    }

    /// Writes the ISO 8601 form into `buffer`, which must hold `maximumISO8601Length` bytes; returns
    /// how many bytes it wrote. Years before 0 get a `-` sign, years after 9999 more digits.
    public func writeISO8601(to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var seconds = milliseconds / 1000
        var millis = milliseconds % 1000
        if millis < 0 {
            millis += 1000
            seconds -= 1
        }
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civil(fromDays: days)
        var index = 0
        @inline(__always) func put(_ byte: UInt8) {
            buffer[index] = byte
            index += 1
        }
        @inline(__always) func digits(_ value: Int64, _ width: Int) {
            index += DecimalText.write(UInt64(value), minimumWidth: width, to: buffer + index)
        }
        if year < 0 { put(0x2D) }
        digits(year < 0 ? -year : year, 4)
        put(0x2D)
        digits(month, 2)
        put(0x2D)
        digits(day, 2)
        put(0x54)
        digits(secondOfDay / 3600, 2)
        put(0x3A)
        digits(secondOfDay / 60 % 60, 2)
        put(0x3A)
        digits(secondOfDay % 60, 2)
        if millis != 0 {
            put(0x2E)
            digits(millis, 3)
        }
        put(0x5A)
        return index
    }

    /// `2026-03-01 09:30` (UTC), for tables people read.
    public var shortUTC: String {
        withShortUTCBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of `shortUTC`, formatted on the stack without allocating; used by
    /// tables that write one timestamp per row.
    @inline(__always)
    public func withShortUTCBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withISO8601Buffer { base, count in
            // `2026-03-01T09:30:00Z` → `2026-03-01 09:30`: the date, a space, hours and minutes (a year
            // of more than four digits moves the rest along).
            guard let base else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
            var letterT = 0
            while letterT < count && base[letterT] != 0x54 { letterT += 1 }
            guard letterT + 6 <= count else { return try body(UnsafeRawBufferPointer(start: base, count: count)) }
            base[letterT] = 0x20
            return try body(UnsafeRawBufferPointer(start: base, count: letterT + 6))
        }
    }

    public var description: String { iso8601 }

    // MARK: - Ranges

    /// Checks a half-open range `[since, until)` given as `--since`/`--until`: an end before the start
    /// is a usage error (64).
    public static func checkRange(since: Timestamp?, until: Timestamp?) throws(OptOutError) {
        if let since, let until, until < since {
            throw OptOutError(.usage, .reversedRange(since: since, until: until))
        }
    }

    // MARK: - Parsing

    /// Parses a date (`YYYY-MM-DD`, UTC midnight), an ISO 8601 date-time with `Z` or `±HH:MM`
    /// (seconds and fraction optional), or Unix seconds (optionally with a fraction). Nil otherwise.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        if bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D }),
            !bytes.dropFirst().contains(0x2D)
        {
            guard let value = Timestamp.parseUnixSeconds(bytes) else { return nil }
            self = value
            return
        }
        guard let value = Timestamp.parseISO(bytes) else { return nil }
        self = value
    }

    private static func parseUnixSeconds(_ bytes: [UInt8]) -> Timestamp? {
        var reader = DigitReader(bytes: bytes)
        let negative = reader.take(0x2D)
        guard let whole = reader.number(minDigits: 1, maxDigits: 12) else { return nil }
        var millis: Int64 = 0
        if reader.take(0x2E) {
            guard let fraction = reader.fraction() else { return nil }
            millis = fraction
        }
        guard reader.atEnd else { return nil }
        let total = whole * 1000 + millis
        return Timestamp(milliseconds: negative ? -total : total)
    }

    private static func parseISO(_ bytes: [UInt8]) -> Timestamp? {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(minDigits: 4, maxDigits: 4), reader.take(0x2D),
            let month = reader.number(minDigits: 2, maxDigits: 2), reader.take(0x2D),
            let day = reader.number(minDigits: 2, maxDigits: 2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        var seconds = days(fromYear: year, month: month, day: day) * 86_400
        var millis: Int64 = 0
        if reader.atEnd { return Timestamp(milliseconds: seconds * 1000) }
        guard reader.take(0x54) || reader.take(0x74) || reader.take(0x20),
            let hour = reader.number(minDigits: 2, maxDigits: 2), reader.take(0x3A),
            let minute = reader.number(minDigits: 2, maxDigits: 2), hour < 24, minute < 60
        else { return nil }
        seconds += hour * 3600 + minute * 60
        if reader.take(0x3A) {
            guard let second = reader.number(minDigits: 2, maxDigits: 2), second < 60 else { return nil }
            seconds += second
            if reader.take(0x2E) || reader.take(0x2C) {
                guard let fraction = reader.fraction() else { return nil }
                millis = fraction
            }
        }
        if reader.take(0x5A) || reader.take(0x7A) {
            // UTC
        } else if let sign = reader.peek, sign == 0x2B || sign == 0x2D {
            _ = reader.take(sign)
            guard let offsetHours = reader.number(minDigits: 2, maxDigits: 2) else { return nil }
            _ = reader.take(0x3A)
            guard let offsetMinutes = reader.number(minDigits: 2, maxDigits: 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            let offset = offsetHours * 3600 + offsetMinutes * 60
            seconds += sign == 0x2B ? -offset : offset
        } else {
            return nil  // A time without a zone is ambiguous: refuse it rather than guess.
        }
        guard reader.atEnd else { return nil }
        return Timestamp(milliseconds: seconds * 1000 + millis)
    }

    // MARK: - Calendar

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

// MARK: - Parsing support

private func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

/// Reads ASCII digits and punctuation from a byte array, one token at a time.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maxDigits, let byte = peek, byte >= 0x30, byte <= 0x39 {
            value = value * 10 + Int64(byte - 0x30)
            index += 1
            count += 1
        }
        return count >= minDigits ? value : nil
    }

    /// A decimal fraction of a second (1–9 digits) as milliseconds, truncated.
    mutating func fraction() -> Int64? {
        let start = index
        guard let value = number(minDigits: 1, maxDigits: 9) else { return nil }
        var millis = value
        var digits = index - start
        while digits > 3 { millis /= 10; digits -= 1 }
        while digits < 3 { millis *= 10; digits += 1 }
        return millis
    }
}
