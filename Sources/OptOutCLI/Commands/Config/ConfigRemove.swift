import OptOutCore

/// `optout config remove KEY WORD…`.
enum ConfigRemove: Command {
    static let spec = ConfigKeywordEdit.spec("remove", "Remove keywords from a keyword list.")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ConfigKeywordEdit.run(invocation, removing: true)
    }
}
