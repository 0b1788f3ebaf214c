// MARK: - Calling code rows

/// One row of the generated country table: an ITU calling code and its numbering facts.
///
/// A thin index into the static arrays of `CountryTable`; copying it is free and it never allocates.
struct CallingCode: Hashable, Sendable {
    /// Index of the row in the `CountryTable` arrays.
    let row: Int

    /// The row for an ITU calling code, or nil when the code is unassigned.
    init?(code: Int) {
        guard code > 0, code < 1000 else { return nil }
        let row = Int(CountryTable.rowForCallingCode[code])
        guard row < CountryTable.rowCount else { return nil }
        self.row = row
    }

    /// The ITU calling code, e.g. 44.
    var code: Int { Int(CountryTable.callingCodes[row]) }

    /// Number of digits of the calling code (1 to 3).
    var digitCount: Int { code < 10 ? 1 : (code < 100 ? 2 : 3) }

    // MARK: Lengths

    /// True when a national significant number of `length` digits is a possible (dialable E.164) length.
    func isPossibleLength(_ length: Int) -> Bool {
        guard length >= 0, length < 32 else { return false }
        return CountryTable.possibleLengths[row] & (1 << UInt32(length)) != 0
    }

    /// True when `length` digits can only be dialled locally (without an area code).
    func isLocalOnlyLength(_ length: Int) -> Bool {
        guard length >= 0, length < 32 else { return false }
        return CountryTable.localOnlyLengths[row] & (1 << UInt32(length)) != 0
    }

    /// True when `length` digits is a mobile number length.
    func isMobileLength(_ length: Int) -> Bool {
        guard length >= 0, length < 32 else { return false }
        return CountryTable.mobileLengths[row] & (1 << UInt32(length)) != 0
    }

    /// The possible lengths in increasing order, e.g. [7, 9, 10].
    var possibleLengths: [Int] {
        let mask = CountryTable.possibleLengths[row]
        return (0..<32).filter { mask & (1 << UInt32($0)) != 0 }
    }

    /// Shortest possible national number length (0 when the table lists none).
    var minimumLength: Int {
        let mask = CountryTable.possibleLengths[row]
        return mask == 0 ? 0 : mask.trailingZeroBitCount
    }

    /// Longest possible national number length (0 when the table lists none).
    var maximumLength: Int {
        let mask = CountryTable.possibleLengths[row]
        return mask == 0 ? 0 : 31 - mask.leadingZeroBitCount
    }

    // MARK: Dialling prefixes

    /// Number of international (IDD) prefixes of the row.
    var iddCount: Int { Int(CountryTable.iddStart[row + 1]) - Int(CountryTable.iddStart[row]) }

    /// The `index`th IDD prefix as (value, digit count); longest prefixes come first.
    func idd(_ index: Int) -> (value: UInt32, length: Int) {
        let packed = CountryTable.iddLiterals[Int(CountryTable.iddStart[row]) + index]
        return (packed >> 4, Int(packed & 15))
    }

    /// Range of the row's national-prefix-for-parsing program in `CountryTable.prefixProgram` (instructions).
    var prefixProgram: Range<Int> {
        Int(CountryTable.prefixProgramStart[row])..<Int(CountryTable.prefixProgramStart[row + 1])
    }

    /// Capture groups in the national-prefix-for-parsing pattern.
    var prefixGroupCount: Int { Int(CountryTable.prefixGroupCount[row]) }

    /// Range of the row's transform rule in `CountryTable.transform`; empty when there is none.
    var transformRule: Range<Int> {
        Int(CountryTable.transformStart[row])..<Int(CountryTable.transformStart[row + 1])
    }
}

extension CallingCode {
    /// A row by index (table data only).
    init(row: Int) { self.row = row }
}
