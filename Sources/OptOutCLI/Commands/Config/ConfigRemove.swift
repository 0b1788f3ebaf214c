import OptOutCore

/// `optout config remove KEY WORD…`.
enum ConfigRemove: Command {
    /// The word that names the command, known without building its spec.
    static let name = "remove"

    static let spec = ConfigKeywordEdit.spec(name, "Remove keywords from a keyword list.")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ConfigKeywordEdit.run(invocation, removing: true)
    }
}
