// MARK: - CampaignDropReason

// MARK: - CampaignReport

/// What `CampaignFilter` did: rows read, kept, and dropped by reason, plus hints for the user.
public struct CampaignReport: Sendable, Equatable {
    /// Data rows read (the header, blank lines and empty rows are not rows).
    public var rows = 0
    /// Rows whose fields are all empty (`;;`): skipped, never an error.
    public var empty = 0
    /// Invalid numbers by why (`PhoneRejection.code` → count), the detail of `skipped[.invalidNumber]`.
    public var invalidReasons: [UInt32: Int] = [:]
    /// The first lines (at most three) of each specific reason a row was dropped for, keyed as
    /// `reasons` is: the line numbers only, never the numbers.
    public var examples: [String: [Int]] = [:]
    /// The other headers that looked like a phone column, passed over for `phoneColumnName`.
    public var phoneColumnCandidates: [String] = []
    /// The first national numbers read without a default country (for `defaultCountryGuess`).
    var nationalSamples: [[UInt8]] = []
    static let nationalSampleLimit = 256
    /// Which default country would read the national numbers, when more than half the rows are
    /// national numbers read without one; nil otherwise.
    public var defaultCountryGuess: DefaultCountryGuess.Result? = nil
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
            && lhs.delimiter == rhs.delimiter && lhs.empty == rhs.empty && lhs.invalidReasons == rhs.invalidReasons
            && lhs.examples == rhs.examples && lhs.phoneColumnCandidates == rhs.phoneColumnCandidates
            && lhs.defaultCountryGuess == rhs.defaultCountryGuess
    }

    /// The specific reason of an invalid number, as `optout_reason` and `reasons` give it:
    /// "invalid-number: too short for +57 (needs 10 digits)".
    public static func specificReason(invalid code: UInt32) -> String {
        CampaignDropReason.invalidNumber.rawValue + ": " + (PhoneRejection(code: code)?.description ?? "not a phone number")
    }

    /// Dropped rows by specific reason: each drop reason, with `invalid-number` split by why; most
    /// frequent first, then by name.
    public var reasons: [(reason: String, count: Int)] {
        var all = skipped.filter { $0.key != .invalidNumber && $0.value > 0 }.map { (reason: $0.key.rawValue, count: $0.value) }
        all += invalidReasons.map { (reason: Self.specificReason(invalid: $0.key), count: $0.value) }
        return all.sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason }
    }

    /// Rows dropped because their national number had no default country to read it.
    public var needsDefaultCountry: Int { invalidReasons[PhoneRejection.needsDefaultCountry.code] ?? 0 }

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
        var text = "\(rows) \(rows == 1 ? "row" : "rows"): \(kept) kept, \(skippedCount) skipped"
        let reasons = skippedInOrder
        if !reasons.isEmpty {
            text += " (" + reasons.map { "\($0.count) \($0.reason.rawValue)" }.joined(separator: ", ") + ")"
        }
        if empty > 0 { text += "; \(empty) empty \(empty == 1 ? "row" : "rows") skipped" }
        return text
    }

    /// "phone column: 'Phone' (column 2)", and the other candidates passed over, if any.
    public var columnLine: String {
        var text = "phone column: '\(NumberInput.shown(phoneColumnName))' (column \(phoneColumn + 1))"
        if !phoneColumnCandidates.isEmpty {
            text += "; also looked like one: " + phoneColumnCandidates.map { "'\(NumberInput.shown($0))'" }.joined(separator: ", ")
        }
        if let userIDColumnName { text += "; user ids: '\(NumberInput.shown(userIDColumnName))'" }
        return text
    }

    /// Something worth a warning after the summary.
    public enum Hint: Sendable, Equatable, CustomStringConvertible {
        /// Numbers that Excel turned into scientific notation, with the first one and its line.
        case excelMangled(count: Int, firstText: String, firstLine: Int)
        /// Rows kept although their number is invalid (asked for by the caller).
        case keptInvalid(count: Int)
        /// More than half the rows are national numbers read without a default country.
        case nationalNumbers(count: Int, rows: Int, guess: DefaultCountryGuess.Result)

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
            case .nationalNumbers(let count, let rows, let guess):
                let start = "\(count) of \(rows) rows are national numbers without a country code and were dropped"
                switch guess {
                case .region(let region): return "\(start); they read as numbers of \(region.code)"
                case .several(let regions):
                    let named = regions.prefix(3).map(\.code).joined(separator: ", ") + (regions.count > 3 ? ", …" : "")
                    return "\(start); they could be numbers of several countries (\(named))"
                case .unknown: return "\(start); no one country reads most of them"
                }
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
        if let defaultCountryGuess { hints.append(.nationalNumbers(count: needsDefaultCountry, rows: rows, guess: defaultCountryGuess)) }
        return hints
    }

    /// Works out `defaultCountryGuess` once every row is read: only when more than half the rows are
    /// national numbers read without a default country.
    mutating func guessDefaultCountry() {
        defaultCountryGuess = needsDefaultCountry * 2 > rows ? DefaultCountryGuess.guess(nationalSamples) : nil
    }

    /// `{"rows":N,"kept":N,"skipped":{reason:count,…},"reasons":{specific reason:count,…},
    /// "examples":{specific reason:[line,…]},"empty":N,"excel_mangled":N,"kept_invalid":N,
    /// "phone_column":"…","phone_column_candidates":[…],"user_id_column":…,"default_country_hint":…}`;
    /// `skipped` and `reasons` most frequent first. `default_country_hint` is a region, `"several"`,
    /// `"unknown"`, or null when most numbers did not need one.
    public var json: JSONValue {
        let ordered = reasons
        let hint: JSONValue
        switch defaultCountryGuess {
        case nil: hint = .null
        case .region(let region)?: hint = .string(region.code)
        case .several?: hint = .string("several")
        case .unknown?: hint = .string("unknown")
        }
        return .object([
            ("rows", .integer(Int64(rows))),
            ("kept", .integer(Int64(kept))),
            ("skipped", .object(skippedInOrder.map { ($0.reason.rawValue, .integer(Int64($0.count))) })),
            ("reasons", .object(ordered.map { ($0.reason, .integer(Int64($0.count))) })),
            ("examples", .object(ordered.map { ($0.reason, .array((examples[$0.reason] ?? []).map { .integer(Int64($0)) })) })),
            ("empty", .integer(Int64(empty))),
            ("excel_mangled", .integer(Int64(excelMangled))),
            ("kept_invalid", .integer(Int64(keptInvalid))),
            ("phone_column", .string(phoneColumnName)),
            ("phone_column_candidates", .array(phoneColumnCandidates.map(JSONValue.string))),
            ("user_id_column", .optional(userIDColumnName)),
            ("default_country_hint", hint),
        ])
    }
}
