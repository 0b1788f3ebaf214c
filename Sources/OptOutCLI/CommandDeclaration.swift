/// What the root and the groups know of a command before building its spec: its word, and the spec.
protocol CommandDeclaration: SendableMetatype {
    /// The word that names the command (`spec.name`), known without building the spec.
    static var name: String { get }
    static var spec: CommandSpec { get }
}

extension CommandDeclaration {
    /// The command as a nested command of a group or of the root, its spec built when first asked for.
    static var subcommand: CommandSpec.Subcommand { CommandSpec.Subcommand(name: name) { spec } }
}
