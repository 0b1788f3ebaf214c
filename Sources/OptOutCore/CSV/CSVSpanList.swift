import OptOutPlatform

/// The spans of the current record's fields: a growable buffer of trivial values, kept outside the
/// reader class while a record is scanned so that appending needs no exclusivity checks or
/// copy-on-write tests.
struct CSVSpanList {
    /// The first span; `capacity` spans are allocated.
    private(set) var base: UnsafeMutablePointer<CSVFieldSpan>
    /// How many spans are in use.
    private(set) var count = 0
    /// How many spans fit before the buffer grows.
    private(set) var capacity: Int

    /// An empty list with room for `capacity` spans (at least 1).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: self.capacity)
    }

    /// Adds one span at the end.
    @inline(__always)
    mutating func append(_ span: CSVFieldSpan) {
        if count == capacity { grow() }
        (base + count).initialize(to: span)
        count &+= 1
    }

    /// Empties the list, keeping its memory.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Frees the memory; the list must not be used afterwards.
    func deallocate() { base.deallocate() }

    private mutating func grow() {
        let (doubled, overflow) = capacity.multipliedReportingOverflow(by: 2)
        let newCapacity = overflow ? capacity + 1 : doubled
        let grown = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
