import OptOutCore

/// `optout config list`.
enum ConfigList: Command {
    static let spec = CommandSpec(name: "list", abstract: "List every setting with its value.")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(readOnlyAllowed: true)
        let stored = try store.read { transaction in
            var values: [String?] = []
            for definition in Settings.all { values.append(try transaction.storedSetting(definition.key)) }
            return values
        }
        for (definition, value) in zip(Settings.all, stored) {
            invocation.output.write("\(definition.key) = \(value ?? definition.defaultValue)\(value == nil ? "  (default)" : "")\n")
        }
        return 0
    }
}
