import OptOutCore

/// `optout block`: block numbers, or record a customer's off-channel opt-out.
enum BlockCommand: Command {
    static let numbers = ArgumentSpec(name: "number", help: "Phone numbers to block.", arity: .variadic)
    static let optOut = Flag(
        name: "opt-out",
        help: "Record a customer opt-out (received by phone, e-mail or in person) instead of a staff block.")

    /// The word that names the command, known without building its spec.
    static let name = "block"

    static let spec = CommandSpec(
        name: name,
        abstract: "Block numbers from every category, or record a customer's opt-out with --opt-out.",
        discussion: """
            A bulk block is one transaction: if any number is invalid nothing changes and every bad line is \
            reported (exit 65), unless --skip-invalid.
            """,
        arguments: [numbers],
        options: [CommonOptions.numbersFile.spec, CommonOptions.encoding.spec, CommonOptions.atColumn.spec, optOut.spec] + ManualChangeRunner.options)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ManualChangeRunner.run(invocation, kind: invocation.flag(optOut) ? .optOut : .block)
    }
}
