/// A phone number as typed, with where it came from, for messages that name the bad line.
public struct NumberInput: Sendable, Equatable {
    /// The text as given.
    public var text: String
    /// Where it came from: "argument 2", "line 14 of numbers.csv".
    public var origin: String
    /// The row's own time, from a CSV column (`--at-column`), as written; nil when none was asked for.
    public var timeText: String?

    public init(text: String, origin: String, timeText: String? = nil) {
        self.text = text
        self.origin = origin
        self.timeText = timeText
    }

    /// The text as error messages show it: see `shown(_:)`.
    public var shown: String { Self.shown(text) }

    /// `text` made safe for a one-line message: control characters (line breaks, NUL, escapes)
    /// become `?`, and text longer than 40 characters is cut with `…` (a line of a file can be any
    /// length; the message names its line).
    public static func shown(_ text: String, limit: Int = 40) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result.append("…")
                break
            }
            let isControl = scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
                || scalar.value == 0x2028 || scalar.value == 0x2029
            result.unicodeScalars.append(isControl ? "?" : scalar)
            count += 1
        }
        return result
    }
}
