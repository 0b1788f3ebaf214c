import OptOutCore

/// `optout config list`.
enum ConfigList: Command {
    /// The word that names the command, known without building its spec.
    static let name = "list"

    static let spec = CommandSpec(
        name: name, abstract: "List every setting of the scope with its value and where it comes from.",
        discussion: """
            Settings are per scope and inherit the default scope's values: each line says whether the value is \
            set in this scope, inherited from the default scope, or the built-in default.
            """)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.read)
        let scope = try invocation.knownScope(in: store)
        let values = try store.read { transaction in
            try Settings.all.map { try transaction.settingWithSource($0, scope: scope) }
        }
        for (definition, (value, source)) in zip(Settings.all, values) {
            let origin: String
            switch source {
            case .scope: origin = ""
            case .defaultScope: origin = "  (from scope default)"
            case .builtIn: origin = "  (default)"
            }
            invocation.output.write(TerminalText.escaped("\(definition.key) = \(value)") + origin + "\n")
        }
        return 0
    }
}
