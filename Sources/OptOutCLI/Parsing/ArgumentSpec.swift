/// A positional argument.
struct ArgumentSpec: Sendable {
    enum Arity: Sendable {
        case required
        case optional
        /// Zero or more (`NUMBER…`).
        case variadic
        /// One or more.
        case oneOrMore
    }

    var name: String
    var help: String
    var arity: Arity = .required

    /// `<number> ...`, `[<input>]`.
    var usage: String {
        switch arity {
        case .required: "<\(name)>"
        case .optional: "[<\(name)>]"
        case .variadic: "[<\(name)> ...]"
        case .oneOrMore: "<\(name)> ..."
        }
    }
}
