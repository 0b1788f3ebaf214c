import Foundation
import OptOutTestSupport
import Testing
@testable import OptOutCLI

/// Shell completions and the man page, made from the command declarations, through the built binary.
///
/// The scripts are loaded in the real shells and asked to complete. `.ci/run` installs zsh and sets
/// `OPTOUT_TEST_REQUIRE_SHELLS`, so in CI a missing zsh fails instead of skipping.
@Suite struct CompletionsManualTests {
    static let requests: [([String], String)] = [
        (["optout", "bl"], "block"),
        (["optout", "cursor", "r"], "rewind"),
        (["optout", "list", "--format", ""], "table csv json jsonl"),
        (["optout", "filter-campaign", "--encoding", "w"], "windows-1252"),
        (["optout", "export", "--ev"], "--events"),
        (["optout", "cursor", "rewind", "--t"], "--to"),
        (["optout", "ingest-message", "--format", "j"], "json"),
    ]

    /// Runs `shell` with `script` loaded and each request answered as `_optout` (bash's protocol) answers it.
    func answers(_ shell: String, _ script: String, prelude: String = "") throws -> [String] {
        let sandbox = Sandbox(withDatabase: false)
        let file = sandbox.write("completion", script)
        var program = prelude + "source '\(file)'\n"
        program += "ask() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _optout; echo \"${COMPREPLY[*]}\"; }\n"
        for (words, _) in Self.requests {
            program += "ask " + words.map { "'\($0)'" }.joined(separator: " ") + "\n"
        }
        let result = try runProcess(shell, ["-c", program], environment: ["PATH": "/usr/bin:/bin", "HOME": sandbox.path])
        #expect(result.status == 0, "\(shell): \(result.stderr)")
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func bashCompletesCommandsOptionsAndValues() throws {
        let script = try Sandbox(withDatabase: false).exec(["completions", "bash"]).stdout
        #expect(try answers("/bin/bash", script) == Self.requests.map(\.1))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh")
        || ProcessInfo.processInfo.environment["OPTOUT_TEST_REQUIRE_SHELLS"] != nil))
    func zshCompletesTheSame() throws {
        let script = try Sandbox(withDatabase: false).exec(["completions", "zsh"]).stdout
        #expect(script.hasPrefix("#compdef optout\n"))
        // zsh arrays count from 1: the bash protocol needs KSH_ARRAYS, as bashcompinit sets for the function.
        // As a user's .zshrc does: the completion system first (bashcompinit needs its compdef).
        let prelude = "autoload -U compinit && compinit -u -d \"$HOME/.zcompdump\"\nsetopt KSH_ARRAYS\n"
        #expect(try answers("/usr/bin/zsh", script, prelude: prelude) == Self.requests.map(\.1))
    }

    @Test func fishScriptNamesEveryCommand() throws {
        let script = try Sandbox(withDatabase: false).exec(["completions", "fish"]).stdout
        for command in Commands.root.subcommands {
            #expect(script.contains("-n '__fish_use_subcommand' -a \(command.name) "), "\(command.name)")
        }
        #expect(script.contains("-l encoding -x -a 'utf-8 windows-1252'"))
        #expect(try Sandbox(withDatabase: false).exec(["completions", "tcsh"]).status == 64)
    }

    @Test func theInstallScriptPutsTheBinaryThePageAndTheCompletionsUnderThePrefix() throws {
        let sandbox = Sandbox(withDatabase: false)
        let prefix = sandbox.file("prefix")
        let result = try runProcess(
            "/bin/sh", [Fixture.repositoryRoot + "/Scripts/install.sh", prefix],
            environment: ["PATH": "/usr/bin:/bin", "OPTOUT_INSTALL_BINARY": OptOutBinary.path])
        #expect(result.status == 0, "\(result.stderr)")
        for file in ["bin/optout", "share/man/man1/optout.1", "share/bash-completion/completions/optout",
                     "share/zsh/site-functions/_optout", "share/fish/vendor_completions.d/optout.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)")
        }
        let installed = try runProcess(prefix + "/bin/optout", ["--version"], environment: [:])
        #expect(installed.stdout == "optout \(OptOutCommandLine.version)\n")
        #expect(try String(contentsOfFile: prefix + "/share/man/man1/optout.1", encoding: .utf8) == ManualPage.text)
    }

    @Test func theManPageIsCurrentAndWellFormed() throws {
        let page = try Sandbox(withDatabase: false).exec(["manual"]).stdout
        let committed = try String(contentsOfFile: Fixture.repositoryRoot + "/Docs/optout.1", encoding: .utf8)
        #expect(page == committed, "Docs/optout.1 is stale: run `swift run optout manual > Docs/optout.1`")
        for command in Commands.root.subcommands { #expect(page.contains("Cm \(command.name)"), "\(command.name)") }
        for groff in ["/usr/bin/groff"] where FileManager.default.isExecutableFile(atPath: groff) {
            let sandbox = Sandbox(withDatabase: false)
            let file = sandbox.write("optout.1", page)
            let lint = try runProcess(groff, ["-ww", "-mdoc", "-Tutf8", "-z", file], environment: ["PATH": "/usr/bin:/bin"])
            #expect(lint.status == 0 && lint.stderr.isEmpty, "\(lint.stderr)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func longRunsShowProgressOnATerminalAndNowhereElse() throws {
        let sandbox = Sandbox()
        var lines = ""
        for index in 0..<800 { lines += #"{"from":"+1555\#(String(format: "%07d", index))","text":"STOP","id":"p\#(index)"}"# + "\n" }
        let input = sandbox.write("replay.jsonl", lines)
        let command = "'\(OptOutBinary.path)' ingest-message --jsonl '\(input)' --batch-size 1 > /dev/null"
        // `script` runs the command on a pseudo-terminal and copies what it shows.
        let terminal = try runProcess(
            "/usr/bin/script", ["-qec", command, "/dev/null"], environment: sandbox.environment.merging(["OPTOUT_DB": sandbox.database]) { $1 })
        #expect(terminal.status == 0, "\(terminal.stderr)")
        #expect(terminal.stdout.contains("\roptout: ") && terminal.stdout.contains(" lines, ") && terminal.stdout.contains(" left"), "\(terminal.stdout.prefix(300))")
        #expect(terminal.stdout.hasSuffix("\r\u{1B}[K"), "the line is cleared at the end")
        let piped = try sandbox.exec(["ingest-message", "--jsonl", input, "--batch-size", "1"], environment: ["OPTOUT_DB": sandbox.file("other.sqlite")])
        #expect(piped.status == 0 && !piped.stderr.contains("\r"), "no progress into a pipe")
        // A bulk block: the numbers of the total, then one line of totals on standard output.
        let numbers = sandbox.write("numbers.txt", (0..<20_000).map { "+1556\(String(format: "%07d", $0))" }.joined(separator: "\n") + "\n")
        let block = try runProcess(
            "/usr/bin/script", ["-qec", "'\(OptOutBinary.path)' block --file '\(numbers)'", "/dev/null"],
            environment: sandbox.environment.merging(["OPTOUT_DB": sandbox.database]) { $1 })
        #expect(block.stdout.contains(" numbers of 20000, ") && block.stdout.contains("20000 numbers: 20000 blocked"), "\(block.stdout.suffix(300))")
        // An export to a file counts its records; one to the terminal itself shows none among them.
        let export = try runProcess(
            "/usr/bin/script", ["-qec", "'\(OptOutBinary.path)' export --output '\(sandbox.file("list.csv"))'", "/dev/null"],
            environment: sandbox.environment.merging(["OPTOUT_DB": sandbox.database]) { $1 })
        #expect(export.stdout.contains("\roptout: 10000 records, ") && export.stdout.hasSuffix("\r\u{1B}[K"), "\(export.stdout.suffix(300))")
        #expect(sandbox.read("list.csv")?.count ?? 0 > 20_000 * 12)
        let shown = try runProcess(
            "/usr/bin/script", ["-qec", "'\(OptOutBinary.path)' export", "/dev/null"],
            environment: sandbox.environment.merging(["OPTOUT_DB": sandbox.database]) { $1 })
        #expect(shown.status == 0 && !shown.stdout.contains("records, "), "\(shown.stdout.suffix(200))")
    }
}
