import OptOutCore

/// One row of a `TableLayout` table, written cell by cell into a line buffer: for tables of many
/// rows, where a `String` per cell (a timestamp is 16 bytes, one too many to be stored inline) and an
/// array of cells per row are most of the work.
struct TableRow {
    private var column = 0
    /// Where the current cell started in the line.
    private var cellStart = 0

    /// Starts a row, emptying `line` (its capacity is kept).
    init(into line: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
    }

    /// Appends a cell, made safe for a terminal.
    mutating func add(_ cell: String, to line: inout [UInt8]) {
        var cell = cell
        cell.withUTF8 { add(UnsafeRawBufferPointer($0), to: &line) }
    }

    /// Appends a cell of UTF-8 bytes (a stored column's, uncopied), made safe for a terminal.
    mutating func add(_ cell: UnsafeRawBufferPointer, to line: inout [UInt8]) {
        begin(&line)
        if TerminalText.isPrintableASCII(cell) {
            line.append(contentsOf: cell)
            finish(&line, width: cell.count)
            return
        }
        let clean = TerminalText.escaped(String(decoding: cell, as: UTF8.self))
        line.append(contentsOf: clean.utf8)
        finish(&line, width: clean.count)
    }

    /// Appends a timestamp cell in its short UTC form (`Timestamp.shortUTC`), without a `String`.
    mutating func add(_ time: Timestamp, to line: inout [UInt8]) {
        begin(&line)
        time.withShortUTCBytes { line.append(contentsOf: $0) }
        finish(&line, width: line.count - cellStart)
    }

    /// Ends the row: trailing spaces dropped, a newline added.
    mutating func end(_ line: inout [UInt8]) {
        while line.last == 0x20 { line.removeLast() }
        line.append(0x0A)
    }

    /// Columns past the fixed widths are separated by two spaces; the last one runs on.
    private mutating func begin(_ line: inout [UInt8]) {
        if column > TableLayout.widths.count { line.append(contentsOf: Self.spaces[..<2]) }
        cellStart = line.count
    }

    /// Pads a fixed-width cell that took `width` columns to its width (at least one space).
    private mutating func finish(_ line: inout [UInt8], width: Int) {
        if column < TableLayout.widths.count {
            let padding = max(1, TableLayout.widths[column] - width)
            if padding <= Self.spaces.count {
                line.append(contentsOf: Self.spaces[..<padding])
            } else {
                line.append(contentsOf: repeatElement(0x20, count: padding))
            }
        }
        column += 1
    }

    /// Spaces to pad with, copied from (the widest column is 20).
    private static let spaces = [UInt8](repeating: 0x20, count: 32)
}
