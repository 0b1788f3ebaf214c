import OptOutPlatform

/// Where one field's value lies: in the read buffer (offset from the record start) or, when doubled
/// quotes had to be undone, in the scratch buffer. Outside the generic reader so that using it needs
/// no generic metadata lookups.
struct CSVFieldSpan {
    var start: Int
    var count: Int
    var inScratch: Bool
}
