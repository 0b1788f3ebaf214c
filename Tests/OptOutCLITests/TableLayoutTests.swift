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
}
