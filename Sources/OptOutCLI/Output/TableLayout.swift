/// Fixed-width columns for tables people read: the first five have fixed widths, later ones are
/// separated by two spaces.
///
/// Laid out on bytes: a cell of printable ASCII (nearly every cell) is copied as it is, one byte a
/// column; any other cell goes through `TerminalText.escaped` and is measured in characters.
enum TableLayout {
    static let widths = [17, 18, 17, 20, 12]

    /// The row as text, with its newline.
    static func row(_ cells: [String]) -> String {
        var line: [UInt8] = []
        row(cells, into: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// Replaces the contents of `line` with the row and its newline (one buffer reused for every row).
    static func row(_ cells: [String], into line: inout [UInt8]) {
        var row = TableRow(into: &line)
        for cell in cells { row.add(cell, to: &line) }
        row.end(&line)
    }
}
