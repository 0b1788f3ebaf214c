/// A phone number as typed, with where it came from, for messages that name the bad line.
public struct NumberInput: Sendable, Equatable {
    /// The text as given.
    public var text: String
    /// Where it came from, worded only when a message needs it (a file of a million numbers keeps no
    /// million strings).
    public var place: Place
    /// The row's own time, from a CSV column (`--at-column`), as written; nil when none was asked for.
    public var timeText: String?

    /// Where an input came from.
    public enum Place: Sendable, Equatable {
        /// The n-th argument, from 1.
        case argument(Int)
        /// Line n, from 1, of the named file.
        case line(Int, of: String)

        /// "argument 2", "line 14 of numbers.csv".
        public var origin: String {
            switch self {
            case .argument(let index): "argument \(index)"
            case .line(let line, let name): "line \(line) of \(name)"
            }
        }
    }

    public init(text: String, origin: Place, timeText: String? = nil) {
        self.text = text
        self.place = origin
        self.timeText = timeText
    }

    /// Where it came from: "argument 2", "line 14 of numbers.csv".
    public var origin: String { place.origin }

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
