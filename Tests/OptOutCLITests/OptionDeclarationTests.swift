import Testing
@testable import OptOutCLI
@testable import OptOutCore

/// One typed declaration per option drives parsing, value checks, help and the value a command reads.
@Suite struct OptionDeclarationTests {
    @Test func aBadValueIsRefusedAtParseTimeWithTheUsageLine() {
        let result = Sandbox().run(["list", "--format", "xml"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(
            "optout: error: --format must be one of table, csv, json, jsonl; got 'xml'\nUsage: optout list "))
        #expect(result.stderr.hasSuffix("See 'optout list --help'.\n"))
    }

    @Test func theRootHelpListsEveryCommandOnceUnderWhoUsesIt() {
        let grouped = Commands.groups.flatMap(\.names)
        #expect(grouped.sorted() == Commands.root.subcommands.map(\.name).sorted())
        #expect(Set(grouped).count == grouped.count)
        let help = Sandbox(withDatabase: false).run(["--help"]).stdout
        for heading in ["Support staff:", "Campaigns:", "Webhooks:", "Feeds:", "Maintenance:"] {
            #expect(help.contains("  \(heading)\n"), "\(heading)")
        }
        #expect(help.contains("  Feeds:\n  export "))
    }

    /// A command is found by the word it declares before its spec is built: that word is its spec's
    /// name, for every command and nested command, and every runnable path finds its command type.
    @Test func everyCommandsWordIsItsSpecsName() {
        for entry in Commands.root.nested {
            let spec = entry.spec()
            #expect(spec.name == entry.name)
            #expect(Set(spec.subcommandNames).count == spec.nested.count, "\(entry.name)")
            for nested in spec.nested { #expect(nested.spec().name == nested.name, "\(entry.name) \(nested.name)") }
        }
        for (path, spec) in Commands.runnable {
            #expect(Commands.command(for: path)?.name == spec.name, "\(path)")
            #expect(Commands.spec(at: path).name == spec.name, "\(path)")
        }
        #expect(Commands.command(for: ["config"]) == nil)
        #expect(Commands.command(for: ["blok"]) == nil)
    }

    @Test func numericOptionsHaveBounds() {
        let sandbox = Sandbox(withDatabase: false)
        let batch = sandbox.run(["ingest-message", "--jsonl", "-", "--batch-size", "100000000000"])
        #expect(batch.status == 64)
        #expect(batch.stderr.hasPrefix("optout: error: --batch-size must be a whole number from 1 to 1000000; got '100000000000'\n"))
        for limit in ["-1", "x", "99999999999999999999"] {
            let result = sandbox.run(["list", "--limit", limit])
            #expect(result.status == 64, "\(limit)")
            #expect(result.stderr.hasPrefix("optout: error: --limit must be a whole number from 0 to 2147483647"), "\(limit)")
        }
        // Nothing was created by the refused commands.
        #expect(sandbox.folder.names().isEmpty)
    }

    @Test func anEnvironmentValueIsCheckedByTheSameDeclaration() {
        let result = Sandbox().run(["normalize", "0171 1234567"], environment: ["OPTOUT_DEFAULT_COUNTRY": "XX"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(
            "optout: error: OPTOUT_DEFAULT_COUNTRY: --default-country 'XX' is not a known ISO region such as US, MX, BR\n"))
        let fromEnvironment = Sandbox().run(["normalize", "0171 1234567"], environment: ["OPTOUT_DEFAULT_COUNTRY": "DE"])
        #expect(fromEnvironment.stdout == "0171 1234567\t+491711234567\n")
        // The command line wins over the environment.
        let given = Sandbox().run(["normalize", "0171 1234567", "--default-country", "DE"], environment: ["OPTOUT_DEFAULT_COUNTRY": "XX"])
        #expect(given.status == 0)
    }

    @Test func helpShowsAllowedValuesDefaultsAndEnvironment() {
        // Help wraps its lines; compare with white space folded.
        func folded(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let list = folded(Sandbox().run(["list", "--help"]).stdout)
        #expect(list.contains("One of: table, csv, json, jsonl. (default: table)"))
        #expect(list.contains("One of: blocked, opted-out, marketing-stopped, review-pending, opted-in, active."))
        #expect(list.contains("(default: default) (env: OPTOUT_SCOPE)"))
        let ingest = folded(Sandbox().run(["ingest-message", "--help"]).stdout)
        #expect(ingest.contains("Lines per transaction with --jsonl. (default: 1000)"))
    }

    @Test func everyDeclaredOptionParsesAndIsInItsHelp() throws {
        let parser = ArgumentParser(root: Commands.root)
        for command in Commands.all + ConfigCommand.commands {
            let path = command.spec.name == "list" || Commands.all.contains(where: { $0 == command })
                ? [command.spec.name] : ["config", command.spec.name]
            let help = HelpFormatter.help(for: command.spec, path: path)
            for option in command.spec.allOptions where option.name != "help" {
                #expect(help.contains(option.label), "\(path) --\(option.name) missing from help")
                let examples = ["region": "US", "time": "2026-01-01", "n": "1"]
                let value = option.allowedValues?.first ?? examples[option.valueName ?? ""] ?? "x"
                let word = option.isFlag ? ["--\(option.name)"] : ["--\(option.name)=\(value)"]
                let positionals = command.spec.arguments.filter { $0.arity == .required || $0.arity == .oneOrMore }.map { _ in "a" }
                do {
                    _ = try parser.parse(path + positionals + word)
                } catch {
                    Issue.record("\(path) \(word): \(error.message)")
                }
            }
        }
    }

    @Test func versionIsARootFlag() {
        #expect(Sandbox().run(["--version"]).stdout == "optout \(OptOutCommandLine.version)\n")
        let extra = Sandbox().run(["--version", "list"])
        #expect(extra.status == 64)
        #expect(extra.stderr.hasPrefix("optout: error: --version takes no arguments\n"))
        #expect(Sandbox().run(["--help"]).stdout.contains("  --version"))
    }
}
