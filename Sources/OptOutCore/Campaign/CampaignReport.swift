// MARK: - CampaignDropReason

// MARK: - CampaignReport

/// What `CampaignFilter` did: rows read, kept, and dropped by reason, plus hints for the user.
public struct CampaignReport: Sendable, Equatable {
    /// Data rows read (the header and blank lines are not rows).
    public var rows = 0
    /// Rows written to the output (including rows kept with `--keep-invalid`).
    public var kept = 0
    /// Dropped rows by reason; reasons with no row are absent.
    public var skipped: [CampaignDropReason: Int] = [:]
    /// Kept rows whose number is invalid (only with `--keep-invalid`).
    public var keptInvalid = 0
    /// Rows whose number looks like Excel scientific notation (`5.73E+11`), kept or not.
    public var excelMangled = 0
    /// The first such number as written, and its line, for the hint.
    public var excelExample: (text: String, line: Int)? = nil
    /// The phone column: 0-based index and its header as read.
    public var phoneColumn = 0
    public var phoneColumnName = ""
    /// The user-id column's header as read, nil when the file has none.
    public var userIDColumnName: String? = nil
    /// The delimiter used (given or detected).
    public var delimiter = UInt8(ascii: ",")

    /// An empty report.
    public init() {}

    public static func == (lhs: CampaignReport, rhs: CampaignReport) -> Bool {
        lhs.rows == rhs.rows && lhs.kept == rhs.kept && lhs.skipped == rhs.skipped && lhs.keptInvalid == rhs.keptInvalid
            && lhs.excelMangled == rhs.excelMangled && lhs.excelExample?.text == rhs.excelExample?.text
            && lhs.excelExample?.line == rhs.excelExample?.line && lhs.phoneColumn == rhs.phoneColumn
            && lhs.phoneColumnName == rhs.phoneColumnName && lhs.userIDColumnName == rhs.userIDColumnName
            && lhs.delimiter == rhs.delimiter
    }

    /// Dropped rows in all.
    public var skippedCount: Int { skipped.values.reduce(0, +) }

    /// The reasons with their counts, most frequent first, then by name.
    public var skippedInOrder: [(reason: CampaignDropReason, count: Int)] {
        skipped.filter { $0.value > 0 }
            .map { (reason: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason.rawValue < $1.reason.rawValue }
    }

    /// One line: "1000 rows: 950 kept, 50 skipped (40 opted-out, 7 blocked, 3 invalid-number)", or
    /// "… 0 skipped" without a parenthesis.
    public var summary: String {
        var text = "\(rows) rows: \(kept) kept, \(skippedCount) skipped"
        let reasons = skippedInOrder
        if !reasons.isEmpty {
            text += " (" + reasons.map { "\($0.count) \($0.reason.rawValue)" }.joined(separator: ", ") + ")"
        }
        return text
    }

    /// Something worth a warning after the summary.
    public enum Hint: Sendable, Equatable, CustomStringConvertible {
        /// Numbers that Excel turned into scientific notation, with the first one and its line.
        case excelMangled(count: Int, firstText: String, firstLine: Int)
        /// Rows kept although their number is invalid (asked for by the caller).
        case keptInvalid(count: Int)

        /// One line for people, naming no command-line option.
        public var description: String {
            switch self {
            case .excelMangled(let count, let text, let line):
                let numbers = count == 1 ? "1 number is" : "\(count) numbers are"
                return "\(numbers) in Excel scientific notation (first: '\(text)' on line \(line)); "
                    + "the digits are lost: format the phone column as text in the spreadsheet and export again"
            case .keptInvalid(let count):
                let rows = count == 1 ? "1 kept row has" : "\(count) kept rows have"
                return "\(rows) an invalid number"
            }
        }
    }

    /// Warnings worth showing after the summary (Excel-mangled numbers, invalid numbers kept).
    public var hints: [Hint] {
        var hints: [Hint] = []
        if let example = excelExample {
            hints.append(.excelMangled(count: excelMangled, firstText: example.text, firstLine: example.line))
        }
        if keptInvalid > 0 { hints.append(.keptInvalid(count: keptInvalid)) }
        return hints
    }

    /// `{"rows":N,"kept":N,"skipped":{reason:count,…},"excel_mangled":N,"kept_invalid":N,"phone_column":"…"}`;
    /// `skipped` lists the reasons in `skippedInOrder`'s order.
    public var json: JSONValue {
        .object([
            ("rows", .integer(Int64(rows))),
            ("kept", .integer(Int64(kept))),
            ("skipped", .object(skippedInOrder.map { ($0.reason.rawValue, .integer(Int64($0.count))) })),
            ("excel_mangled", .integer(Int64(excelMangled))),
            ("kept_invalid", .integer(Int64(keptInvalid))),
            ("phone_column", .string(phoneColumnName)),
            ("user_id_column", .optional(userIDColumnName)),
        ])
    }
}
