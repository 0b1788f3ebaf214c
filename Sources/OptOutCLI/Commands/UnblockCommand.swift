import OptOutCore

/// `optout unblock`: lift a staff block; a customer's opt-out only when asked, with a reason.
enum UnblockCommand: Command {
    static let liftOptOut = Flag(
        name: "lift-opt-out",
        help: "Also lift the customer's own opt-out (keyword, button or block --opt-out); needs --reason.")

    /// The word that names the command, known without building its spec.
    static let name = "unblock"

    static let spec = CommandSpec(
        name: name,
        abstract: "Lift a staff block; a customer's opt-out only with --lift-opt-out; never a WhatsApp marketing stop.",
        discussion: """
            A customer who opted out stays opted out unless --lift-opt-out is given with --reason (say why you may \
            message them again); each line says which suppressions remain. A WhatsApp marketing stop is lifted only \
            by the customer's own resume.
            """,
        arguments: [ArgumentSpec(name: "number", help: "Phone numbers to unblock.", arity: .variadic)],
        options: [CommonOptions.numbersFile.spec, CommonOptions.encoding.spec, liftOptOut.spec] + ManualChangeRunner.options)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let lifts = invocation.flag(liftOptOut)
        if lifts, (try invocation.value(CommonOptions.reason) ?? "").isEmpty {
            throw OptOutError(.usage, "--lift-opt-out needs --reason: say why this customer may be messaged again")
        }
        return try ManualChangeRunner.run(invocation, kind: .unblock(liftsOptOut: lifts))
    }
}
