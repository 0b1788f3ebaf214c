/// Writes whole numbers as ASCII decimal digits straight into a byte buffer, with no `String`: the
/// hot paths that format times and integers (`Timestamp.writeISO8601`, `RecordWriter`) share it.
enum DecimalText {
    /// Writes `value`, left-padded with zeros to `minimumWidth`, at `buffer`; returns the byte count
    /// (at most 20, or `minimumWidth` when larger).
    @inline(__always)
    static func write(_ value: UInt64, minimumWidth: Int = 1, to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var bound: UInt64 = 10
        while digits < 20 && value >= bound {
            digits += 1
            bound = bound &* 10
        }
        let width = max(digits, minimumWidth)
        var remaining = value
        var index = width
        while index > 0 {
            index -= 1
            buffer[index] = UInt8(truncatingIfNeeded: remaining % 10) &+ 0x30
            remaining /= 10
        }
        return width
    }
}
