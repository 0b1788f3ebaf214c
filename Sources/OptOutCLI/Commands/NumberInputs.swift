import OptOutCore

/// The numbers a command was given: its arguments, then `--file` (one a line, or a CSV phone column).
enum NumberInputs {
    /// Calls `body` with each number given, the arguments first, reading `--file` as it goes, so that
    /// nothing of a big file is held; a `--file` that held no numbers, with nothing else given, is an
    /// error once it is read (65).
    static func forEach(_ invocation: Invocation, _ body: (NumberInput) throws(OptOutError) -> Void) throws(OptOutError) {
        let source = try self.source(invocation)
        var count = 0
        do {
            try source.forEach { input in
                count += 1
                try body(input)
            }
        } catch { throw error as? OptOutError ?? OptOutError(.internal, "\(error)") }
        try checkNotEmpty(invocation, count: count)
    }

    /// The arguments and the `--file` list, its numbers to be read one at a time.
    static func source(_ invocation: Invocation, timeColumn: String? = nil) throws(OptOutError) -> NumberSource {
        let arguments = self.arguments(invocation)
        let path = try invocation.value(CommonOptions.numbersFile)
        if timeColumn != nil && (path == nil || !arguments.isEmpty) {
            throw OptOutError(.usage, "--at-column reads each row's time from the --file CSV; give the numbers in that file only")
        }
        if arguments.isEmpty && path == nil { throw OptOutError(.usage, "give at least one <number> or --file") }
        let list = try path.map { path throws(OptOutError) in
            try NumberList(
                path: path, standardInput: invocation.context.standardInput, timeColumn: timeColumn,
                encoding: try invocation.value(CommonOptions.encoding))
        }
        return NumberSource(arguments: arguments, list: list)
    }

    /// The numbers given as arguments.
    static func arguments(_ invocation: Invocation) -> [NumberInput] {
        invocation.positionals.enumerated().map { NumberInput(text: $0.element, origin: .argument($0.offset + 1)) }
    }

    /// A `--file` that held no numbers, and nothing else given: 65.
    static func checkNotEmpty(_ invocation: Invocation, count: Int) throws(OptOutError) {
        guard count == 0, let path = try invocation.value(CommonOptions.numbersFile) else { return }
        throw OptOutError(.badInput, "\(path == "-" ? "standard input" : path) holds no numbers (every line is blank or empty)")
    }
}
