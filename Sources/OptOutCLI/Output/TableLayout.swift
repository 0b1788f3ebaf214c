/// Fixed-width columns for tables people read: the first five have fixed widths, later ones are
/// separated by two spaces.
enum TableLayout {
    static let widths = [17, 18, 17, 20, 12]

    static func row(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            let clean = TerminalText.escaped(cell)
            if index < widths.count {
                line += clean + String(repeating: " ", count: max(1, widths[index] - clean.count))
            } else {
                // Columns past the fixed widths are separated by two spaces; the last one runs on.
                line += clean + (index == cells.count - 1 ? "" : "  ")
            }
        }
        while line.last == " " { line.removeLast() }
        return line + "\n"
    }
}
