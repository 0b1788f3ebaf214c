import OptOutCore

/// A typed option declaration: its spec (for parsing and help) and how its text becomes a value.
///
/// A command declares each option once, as a `static let`, lists `option.spec` in its `CommandSpec`,
/// and reads `try invocation.value(option)`: the parser has already checked a given value with the
/// same `parse`, the environment variable is read in one place, and the default is the declaration's.
struct Option<Value: Sendable>: Sendable {
    let spec: OptionSpec
    /// The value when the option is given neither on the command line nor in its environment variable.
    let defaultValue: Value
    /// The value of one given text; throws a usage error naming the option.
    let parse: @Sendable (String) throws(OptOutError) -> Value

    init(
        name: String, short: Character? = nil, valueName: String, help: String, repeatable: Bool = false,
        environment: String? = nil, allowedValues: [String]? = nil, defaultText: String? = nil,
        defaultValue: Value, parse: @escaping @Sendable (String) throws(OptOutError) -> Value
    ) {
        self.spec = OptionSpec(
            name: name, short: short, valueName: valueName, help: help, repeatable: repeatable,
            environment: environment, allowedValues: allowedValues, defaultText: defaultText,
            check: { text throws(OptOutError) in _ = try parse(text) })
        self.defaultValue = defaultValue
        self.parse = parse
    }
}

// MARK: - Kinds of option

extension Option where Value == String? {
    /// Any text, nil when not given.
    static func text(
        _ name: String, short: Character? = nil, valueName: String, help: String, environment: String? = nil,
        check: @escaping @Sendable (String) throws(OptOutError) -> Void = { _ throws(OptOutError) in }
    ) -> Option<String?> {
        Option<String?>(
            name: name, short: short, valueName: valueName, help: help, environment: environment, defaultValue: nil
        ) { text throws(OptOutError) in
            try check(text)
            return text
        }
    }
}

extension Option where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of a fixed set of words, each naming a value.
    static func choice(
        _ name: String, valueName: String = "format", help: String, default defaultValue: Value
    ) -> Option<Value> {
        let choices = Array(Value.allCases)
        let words = choices.map(\.rawValue)
        return Option<Value>(
            name: name, valueName: valueName, help: help, allowedValues: words, defaultText: defaultValue.rawValue,
            defaultValue: defaultValue
        ) { text throws(OptOutError) in
            guard let value = choices.first(where: { $0.rawValue == text }) else {
                throw OptOutError(.usage, "--\(name) must be one of \(words.joined(separator: ", ")); got '\(text)'")
            }
            return value
        }
    }
}

extension Option where Value == Timestamp? {
    /// A time: `YYYY-MM-DD`, ISO 8601 with `Z` or an offset, or Unix seconds; nil when not given.
    static func time(_ name: String, help: String) -> Option<Timestamp?> {
        Option<Timestamp?>(name: name, valueName: "time", help: help, defaultValue: nil) { text throws(OptOutError) in
            guard let time = Timestamp(parsing: text) else {
                throw OptOutError(
                    .usage,
                    "--\(name) '\(text)' is not a time: use YYYY-MM-DD, ISO 8601 with Z or an offset, or Unix seconds")
            }
            return time
        }
    }
}

extension Option where Value == Int? {
    /// A whole number in `range`; nil when not given.
    static func count(
        _ name: String, valueName: String = "n", help: String, in range: ClosedRange<Int>
    ) -> Option<Int?> {
        Option<Int?>(name: name, valueName: valueName, help: help, defaultValue: nil) { text throws(OptOutError) in
            try Option<Int>.wholeNumber(text, name: name, in: range)
        }
    }
}

extension Option where Value == Int {
    /// A whole number in `range` with a default.
    static func count(
        _ name: String, valueName: String = "n", help: String, in range: ClosedRange<Int>, default defaultValue: Int
    ) -> Option<Int> {
        Option<Int>(
            name: name, valueName: valueName, help: help, defaultText: String(defaultValue), defaultValue: defaultValue
        ) { text throws(OptOutError) in
            try wholeNumber(text, name: name, in: range)
        }
    }

    static func wholeNumber(_ text: String, name: String, in range: ClosedRange<Int>) throws(OptOutError) -> Int {
        guard let number = Int(text), range.contains(number) else {
            throw OptOutError(
                .usage, "--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(text)'")
        }
        return number
    }
}
