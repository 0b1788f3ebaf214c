import OptOutCore

/// `optout config add KEY WORD…`.
enum ConfigAdd: Command {
    static let spec = ConfigKeywordEdit.spec("add", "Add keywords to a keyword list.")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ConfigKeywordEdit.run(invocation, removing: false)
    }
}
