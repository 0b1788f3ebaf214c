import OptOutCore

/// Parses a command line following swift-argument-parser's conventions: `--opt value`,
/// `--opt=value`, `-h`, `--` ends options, and options anywhere among the arguments.
struct ArgumentParser {
    let root: CommandSpec

    /// The result of parsing: run a command, or show help for one.
    enum Outcome {
        case run(CommandSpec, ParsedArguments)
        case help([String])
        /// `optout --version`.
        case version
    }

    func parse(_ arguments: [String]) throws(UsageError) -> Outcome {
        var words = arguments[...]
        var spec = root
        var path: [String] = []
        // Choose the command (and nested command) by leading words.
        while !spec.nested.isEmpty {
            let named = words.first.map { word in spec.subcommandNames.contains(word) } ?? false
            if !named, !path.isEmpty, let fallback = spec.defaultSubcommand,
                let next = spec.subcommand(named: fallback),
                words.first.map({ $0.hasPrefix("-") && $0 != "-h" && $0 != "--help" }) ?? true
            {
                // A group with a default runs it when no subcommand is named: `optout review --format csv`.
                spec = next
                path.append(fallback)
                continue
            }
            guard let word = words.first else {
                return .help(path)
            }
            if word == "-h" || word == "--help" { return .help(path) }
            if path.isEmpty && word == "help" {
                let target = Array(words.dropFirst())
                return .help(try resolvePath(target))
            }
            if path.isEmpty && word == "--\(OptionSpec.version.name)" {
                guard words.count == 1 else {
                    throw UsageError(message: "--version takes no arguments", commandPath: path)
                }
                return .version
            }
            guard let next = spec.subcommand(named: word) else {
                let known = spec.subcommandNames
                var message = word.hasPrefix("-")
                    ? "unknown option '\(word)'"
                    : "unknown command '\(word)'"
                if let close = Suggestion.closest(to: word, in: known) { message += "; did you mean '\(close)'?" }
                throw UsageError(message: message, commandPath: path)
            }
            spec = next
            path.append(word)
            words = words.dropFirst()
        }
        return try parseCommand(spec, path: path, words: Array(words))
    }

    /// The command path named by `optout help a b`.
    private func resolvePath(_ words: [String]) throws(UsageError) -> [String] {
        var spec = root
        var path: [String] = []
        for word in words {
            guard let next = spec.subcommand(named: word) else {
                var message = "unknown command '\(word)'"
                if let close = Suggestion.closest(to: word, in: spec.subcommandNames) {
                    message += "; did you mean '\(close)'?"
                }
                throw UsageError(message: message, commandPath: path)
            }
            spec = next
            path.append(word)
        }
        return path
    }

    private func parseCommand(_ spec: CommandSpec, path: [String], words: [String]) throws(UsageError) -> Outcome {
        var parsed = ParsedArguments(commandPath: path)
        var index = 0
        var optionsEnded = false
        func fail(_ message: String) -> UsageError { UsageError(message: message, commandPath: path) }

        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            let option: OptionSpec
            var inlineValue: String?
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name: Substring
                if let equals = body.firstIndex(of: "=") {
                    name = body[..<equals]
                    inlineValue = String(body[body.index(after: equals)...])
                } else {
                    name = body
                }
                guard let found = spec.option(long: String(name)) else {
                    var message = "unknown option '--\(name)'"
                    if let close = Suggestion.closest(to: String(name), in: spec.allOptions.map(\.name)) {
                        message += "; did you mean '--\(close)'?"
                    }
                    throw fail(message)
                }
                option = found
            } else {
                let characters = Array(word.dropFirst())
                guard characters.count == 1, let found = spec.option(short: characters[0]) else {
                    // A negative number or a number like "-5" is not an option here: take it as an argument.
                    if word.dropFirst().allSatisfy({ $0.isNumber || $0 == " " || $0 == "." }) {
                        parsed.positionals.append(word)
                        continue
                    }
                    throw fail("unknown option '\(word)'")
                }
                option = found
            }
            if option.name == "help" { return .help(path) }
            if option.isFlag {
                if inlineValue != nil { throw fail("option '--\(option.name)' takes no value") }
                parsed.flags.insert(option.name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < words.count else { throw fail("missing value for '--\(option.name) <\(option.valueName ?? "value")>'") }
                value = words[index]
                index += 1
            }
            if !option.repeatable, parsed.values[option.name] != nil {
                throw fail("option '--\(option.name)' given more than once")
            }
            do throws(OptOutError) { try option.check(value) } catch { throw fail(error.message) }
            parsed.values[option.name, default: []].append(value)
        }
        try checkArity(spec, parsed, fail)
        return .run(spec, parsed)
    }

    private func checkArity(
        _ spec: CommandSpec, _ parsed: ParsedArguments, _ fail: (String) -> UsageError
    ) throws(UsageError) {
        var remaining = parsed.positionals.count
        for argument in spec.arguments {
            switch argument.arity {
            case .required, .oneOrMore:
                if remaining == 0 { throw fail("missing <\(argument.name)>") }
                remaining = argument.arity == .required ? remaining - 1 : 0
            case .optional:
                remaining = max(0, remaining - 1)
            case .variadic:
                remaining = 0
            }
        }
        if remaining > 0 {
            let extra = parsed.positionals[parsed.positionals.count - remaining]
            throw fail("unexpected argument '\(extra)'")
        }
    }
}
