/// The cases of a `String`-backed enum by their stored names, looked up straight from a column's
/// bytes (`Row.textBytes`): decoding an entry or an event reads several such columns per row, and
/// making a `String` of each to `switch` over the names cost hundreds of instructions a column.
struct NameTable<Name: RawRepresentable & CaseIterable & Sendable>: Sendable where Name.RawValue == String {
    private let map: WordMap<Name>

    init() {
        map = WordMap(Name.allCases.map { (Array($0.rawValue.utf8), $0) }, merge: { first, _ in first })
    }

    /// The case named by `bytes`; nil for an empty (or NULL) column or a name no case has.
    @inline(__always)
    func name(_ bytes: UnsafeRawBufferPointer) -> Name? { map.value(bytes) }
}
