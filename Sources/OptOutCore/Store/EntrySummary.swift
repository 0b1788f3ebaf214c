/// What a table of entries shows of one entry, read from its stored row without decoding the entry:
/// its identifier, status, change time, the source of the fact that decides the status, actor and
/// reason. `list` lays out every entry this way; decoding all 19 columns of each into an `Entry` (and
/// its identifier from text) was most of what separated it from `sqlite3 -column` (Docs/performance.md).
///
/// Valid only inside the closure it is passed to (`ReadTransaction.forEachEntrySummary`): its bytes
/// are SQLite's, until the row steps.
public struct EntrySummary {
    let row: Row

    /// The identifier as stored: E.164 text, or a user id.
    public var identifier: UnsafeRawBufferPointer { row.textBytes(Self.position(.number)) }
    /// The status as stored (`Status` raw value).
    public var status: UnsafeRawBufferPointer { row.textBytes(Self.position(.status)) }
    public var changedAt: Timestamp { Timestamp(milliseconds: row.int64(Self.position(.changedAt))) }
    /// The source of the fact that decides the status (`Entry.statusSource`); empty when active.
    public var statusSource: UnsafeRawBufferPointer {
        guard let status = Self.statuses.name(status), let column = EntryColumn.sourceColumn(deciding: status) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return row.textBytes(Self.position(column))
    }
    /// Empty when none was recorded.
    public var actor: UnsafeRawBufferPointer { row.textBytes(Self.position(.actor)) }
    public var reason: UnsafeRawBufferPointer { row.textBytes(Self.position(.reason)) }

    /// The columns read, in this order.
    static let columns: [EntryColumn] = [
        .number, .status, .changedAt, .consentSource, .blockedSource, .marketingSource, .reviewSource, .actor, .reason,
    ]
    static let selectList = EntryColumn.list(columns)
    private static let statuses = NameTable<Status>()

    /// Where `column` is in `columns`.
    private static func position(_ column: EntryColumn) -> Int32 {
        Int32(columns.firstIndex(of: column) ?? 0)
    }
}
