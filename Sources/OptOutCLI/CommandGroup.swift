/// A command that only groups nested commands (`config`, `review`, `outbox`, `cursor`).
protocol CommandGroup: CommandDeclaration {
    /// The nested commands, in help order.
    static var commands: [any Command.Type] { get }
}
