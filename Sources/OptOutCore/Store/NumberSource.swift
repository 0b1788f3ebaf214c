/// The numbers of a manual change: its arguments, then the numbers of a `--file`, given one at a time.
public struct NumberSource {
    public var arguments: [NumberInput]
    public var list: NumberList?

    public init(arguments: [NumberInput], list: NumberList? = nil) {
        self.arguments = arguments
        self.list = list
    }

    /// Calls `body` with every argument, then every number of the list.
    public func forEach(_ body: (NumberInput) throws -> Void) throws {
        for argument in arguments { try body(argument) }
        try list?.forEach(body)
    }

    /// At most how many numbers `forEach` gives, for progress.
    public var estimatedCount: Int { arguments.count + (list?.lineCount ?? 0) }
}
