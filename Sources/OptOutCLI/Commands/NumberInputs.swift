import OptOutCore

/// The numbers a command was given: its arguments, then `--file` (one a line, or a CSV phone column).
enum NumberInputs {
    /// With `timeColumn` (`--at-column`), every number must come from the `--file` CSV, with its time.
    static func read(_ invocation: Invocation, timeColumn: String? = nil) throws(OptOutError) -> [NumberInput] {
        var inputs = invocation.positionals.enumerated().map {
            NumberInput(text: $0.element, origin: "argument \($0.offset + 1)")
        }
        let path = try invocation.value(CommonOptions.numbersFile)
        if timeColumn != nil && (path == nil || !inputs.isEmpty) {
            throw OptOutError(.usage, "--at-column reads each row's time from the --file CSV; give the numbers in that file only")
        }
        if let path {
            let listed = try NumberList.read(
                path: path, standardInput: invocation.context.standardInput, timeColumn: timeColumn,
                encoding: try invocation.value(CommonOptions.encoding))
            if listed.isEmpty {
                throw OptOutError(.badInput, "\(path == "-" ? "standard input" : path) holds no numbers (every line is blank or empty)")
            }
            inputs += listed
        }
        return inputs
    }
}
