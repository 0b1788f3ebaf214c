import OptOutCore

/// The numbers a command was given: its arguments, then `--file` (one a line, or a CSV phone column).
enum NumberInputs {
    static func read(_ invocation: Invocation) throws(OptOutError) -> [NumberInput] {
        var inputs = invocation.positionals.enumerated().map {
            NumberInput(text: $0.element, origin: "argument \($0.offset + 1)")
        }
        if let path = try invocation.value(CommonOptions.numbersFile) {
            inputs += try NumberList.read(path: path, standardInput: invocation.context.standardInput)
        }
        return inputs
    }
}
