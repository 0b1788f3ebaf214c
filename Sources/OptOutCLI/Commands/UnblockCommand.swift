import OptOutCore

/// `optout unblock`: lift a staff block (and a customer opt-out, with a warning).
enum UnblockCommand: Command {
    static let spec = CommandSpec(
        name: "unblock",
        abstract: "Lift a staff block, and a customer opt-out too (with a warning); never a WhatsApp marketing stop.",
        arguments: [ArgumentSpec(name: "number", help: "Phone numbers to unblock.", arity: .variadic)],
        options: [CommonOptions.numbersFile.spec] + ManualChangeRunner.options)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        try ManualChangeRunner.run(invocation, kind: .unblock)
    }
}
