/// Fixed-width columns for tables people read.
enum TableLayout {
    static let widths = [17, 18, 17, 20, 12]

    static func row(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            let clean = TerminalText.escaped(cell)
            if index < widths.count {
                line += clean + String(repeating: " ", count: max(1, widths[index] - clean.count))
            } else {
                line += clean
            }
        }
        while line.last == " " { line.removeLast() }
        return line + "\n"
    }
}
