/// What `CSVColumnScanner.scan` hands each record to.
protocol CSVColumnVisitor {
    /// One record: its range in the scanned bytes (line terminator included) and its column's value
    /// (valid during the call).
    mutating func visit(record: Range<Int>, value: UnsafeRawBufferPointer)
}
