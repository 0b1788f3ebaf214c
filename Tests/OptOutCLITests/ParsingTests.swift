import Testing
@testable import OptOutCLI

@Suite struct ParsingTests {
    let parser = ArgumentParser(root: Commands.root)

    func parse(_ words: [String]) throws -> ParsedArguments {
        guard case .run(_, let parsed) = try parser.parse(words) else {
            Issue.record("expected a command to run")
            return ParsedArguments(commandPath: [])
        }
        return parsed
    }

    @Test func optionValueForms() throws {
        let spaced = try parse(["block", "+15551234567", "--reason", "asked", "--dry-run"])
        #expect(spaced.value("reason") == "asked")
        #expect(spaced.flag("dry-run"))
        #expect(spaced.positionals == ["+15551234567"])
        let joined = try parse(["block", "--reason=asked=twice", "+15551234567"])
        #expect(joined.value("reason") == "asked=twice")
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try parse(["normalize", "--", "--not-an-option", "-h"])
        #expect(parsed.positionals == ["--not-an-option", "-h"])
    }

    @Test func dashIsAnArgument() throws {
        #expect(try parse(["normalize", "-"]).positionals == ["-"])
    }

    @Test func nestedCommands() throws {
        let parsed = try parse(["config", "set", "opt-out-applies-to", "all"])
        #expect(parsed.commandPath == ["config", "set"])
        #expect(parsed.positionals == ["opt-out-applies-to", "all"])
    }

    @Test func usageErrors() {
        #expect(throws: UsageError.self) { try parser.parse(["block", "--nope"]) }
        #expect(throws: UsageError.self) { try parser.parse(["block", "--reason"]) }
        #expect(throws: UsageError.self) { try parser.parse(["block", "--dry-run=yes"]) }
        #expect(throws: UsageError.self) { try parser.parse(["show"]) }
        #expect(throws: UsageError.self) { try parser.parse(["show", "a", "b"]) }
        #expect(throws: UsageError.self) { try parser.parse(["check"]) }
        #expect(throws: UsageError.self) { try parser.parse(["frobnicate"]) }
    }

    @Test func suggestsCloseNames() {
        #expect(Suggestion.closest(to: "blok", in: ["block", "unblock", "list"]) == "block")
        #expect(Suggestion.closest(to: "dryrun", in: ["dry-run", "reason"]) == "dry-run")
        #expect(Suggestion.closest(to: "zzzzzz", in: ["block", "list"]) == nil)
    }
}

@Suite struct HelpTests {
    static let commandPaths: [[String]] = [
        [], ["block"], ["unblock"], ["list"], ["show"], ["check"], ["normalize"], ["config"],
        ["config", "list"], ["config", "get"], ["config", "set"], ["config", "reset"],
    ]

    @Test(arguments: commandPaths)
    func helpForEveryCommand(path: [String]) {
        let sandbox = Sandbox()
        for form in [path + ["--help"], path + ["-h"], ["help"] + path] {
            let result = sandbox.run(form)
            #expect(result.status == 0, "\(form)")
            #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(form)")
            #expect(result.stdout.contains("\nUSAGE: optout"), "\(form)")
            #expect(result.stdout.contains("\nOPTIONS:\n"), "\(form)")
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func rootHelpListsSubcommands() {
        let result = Sandbox().run(["--help"])
        for name in ["block", "unblock", "list", "show", "check", "normalize", "config"] {
            #expect(result.stdout.contains("\n  \(name) "), "missing \(name)")
        }
        #expect(result.stdout.contains("SUBCOMMANDS:"))
    }

    @Test func commandHelpShowsArgumentsAndCommonOptions() {
        let result = Sandbox().run(["block", "--help"])
        #expect(result.stdout.contains("ARGUMENTS:\n  <number>"))
        for option in ["--file <path>", "--opt-out", "--reason <text>", "--dry-run", "--skip-invalid", "--db <path>", "--scope <name>", "--actor <name>", "-h, --help"] {
            #expect(result.stdout.contains(option), "missing \(option)")
        }
    }

    @Test func unknownOptionIsAUsageErrorWithHint() {
        let result = Sandbox().run(["block", "--fiel", "x"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix(
                "optout: error: unknown option '--fiel'; did you mean '--file'?\nUsage: optout block "))
        #expect(result.stderr.hasSuffix("See 'optout block --help'.\n"))
    }

    @Test func unknownCommandSuggests() {
        let result = Sandbox().run(["unblok"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("optout: error: unknown command 'unblok'; did you mean 'unblock'?\n"))
    }

    @Test func version() {
        let result = Sandbox().run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "optout \(OptOutCommandLine.version)\n")
    }
}
