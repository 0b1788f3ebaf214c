import OptOutCore

/// `optout manual`: the man page.
enum ManualCommand: Command {
    /// The word that names the command, known without building its spec.
    static let name = "manual"

    static let spec = CommandSpec(
        name: name,
        abstract: "Print optout's man page (mdoc); 'optout manual | man -l -' shows it.",
        commonOptions: false)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        invocation.output.write(ManualPage.text)
        return 0
    }
}
