import OptOutCore

/// A flag: present or not.
struct Flag: Sendable {
    let spec: OptionSpec

    init(name: String, short: Character? = nil, help: String) {
        spec = OptionSpec(name: name, short: short, help: help)
    }
}
