import OptOutCore
import Testing
@testable import OptOutCLI

/// Tables are laid out on bytes; what people see stays the same: fixed widths counted in characters,
/// terminal controls escaped, no trailing spaces.
@Suite struct TableLayoutTests {
    @Test func asciiCellsArePaddedToTheirColumns() {
        #expect(TableLayout.row(["+15551230001", "blocked", "2026-03-01 09:30", "manual", "rita", "asked"])
            == "+15551230001     blocked           2026-03-01 09:30 manual              rita        asked\n")
    }

    @Test func otherCellsAreEscapedAndMeasuredInCharacters() {
        #expect(TableLayout.row(["José", "a\u{1B}[2Jb", "", "", "", "x\ny"])
            == "José" + String(repeating: " ", count: 13) + "a\\u{1B}[2Jb" + String(repeating: " ", count: 18 - 11)
            + String(repeating: " ", count: 17 + 20 + 12) + "x\\ny\n")
    }

    @Test func aCellWiderThanItsColumnKeepsOneSpaceAndTheLineEndsWithoutSpaces() {
        let long = String(repeating: "9", count: 20)
        #expect(TableLayout.row([long, "active"]) == long + " active\n")
        #expect(TableLayout.row(["a", "", "", "", "", "", "last"]) == "a" + String(repeating: " ", count: 16 + 18 + 17 + 20 + 12) + "  last\n")
    }

    /// A timestamp written straight into the row is the cell its `shortUTC` text makes, whatever the
    /// year's width.
    @Test func aTimestampCellIsItsShortForm() throws {
        let times = try ["2026-03-01T09:30:59.123Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z"].map {
            try #require(Timestamp(parsing: $0))
        } + [Timestamp(milliseconds: 400_000_000_000_000), Timestamp(milliseconds: -70_000_000_000_000)]
        for time in times {
            var line: [UInt8] = []
            var row = TableRow(into: &line)
            row.add("+15551230001", to: &line)
            row.add(time, to: &line)
            row.add("x", to: &line)
            row.end(&line)
            #expect(String(decoding: line, as: UTF8.self) == TableLayout.row(["+15551230001", time.shortUTC, "x"]), "\(time)")
        }
        #expect(Timestamp(milliseconds: 400_000_000_000_000).shortUTC.hasPrefix("14645-"))
    }
}
