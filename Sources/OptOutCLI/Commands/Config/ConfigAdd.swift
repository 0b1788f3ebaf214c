import OptOutCore

/// `optout config add KEY WORD…`.
enum ConfigAdd: Command {
    /// The word that names the command, known without building its spec.
    static let name = "add"

    static let spec = ConfigKeywordEdit.spec(name, "Add keywords to a keyword list.")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ConfigKeywordEdit.run(invocation, removing: false)
    }
}
