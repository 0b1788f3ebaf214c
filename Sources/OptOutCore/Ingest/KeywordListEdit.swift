/// What `config add`/`config remove` did to a keyword list.
public struct KeywordListEdit: Sendable, Equatable {
    /// The list as stored afterwards.
    public var stored: String
    /// Words that were asked for but changed nothing (already present for add, absent for remove).
    public var unchanged: [String]
}
