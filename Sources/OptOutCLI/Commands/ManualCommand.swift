import OptOutCore

/// `optout manual`: the man page.
enum ManualCommand: Command {
    static let spec = CommandSpec(
        name: "manual",
        abstract: "Print optout's man page (mdoc); 'optout manual | man -l -' shows it.",
        commonOptions: false)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        invocation.output.write(ManualPage.text)
        return 0
    }
}
