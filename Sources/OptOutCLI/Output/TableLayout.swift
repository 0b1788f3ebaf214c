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
        line.removeAll(keepingCapacity: true)
        for (index, cell) in cells.enumerated() {
            let width = append(cell, to: &line)
            if index < widths.count {
                line.append(contentsOf: repeatElement(0x20, count: max(1, widths[index] - width)))
            } else if index < cells.count - 1 {
                // Columns past the fixed widths are separated by two spaces; the last one runs on.
                line.append(contentsOf: [0x20, 0x20])
            }
        }
        while line.last == 0x20 { line.removeLast() }
        line.append(0x0A)
    }

    /// Appends the cell, made safe for a terminal, and returns how many columns it takes.
    private static func append(_ cell: String, to line: inout [UInt8]) -> Int {
        let printable = cell.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            line.append(contentsOf: bytes)
            return bytes.count
        }
        if let printable, let width = printable { return width }
        let clean = TerminalText.escaped(cell)
        line.append(contentsOf: clean.utf8)
        return clean.count
    }
}
