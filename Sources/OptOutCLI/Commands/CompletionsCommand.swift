import OptOutCore

/// `optout completions bash|zsh|fish`: the completion script for a shell.
enum CompletionsCommand: Command {
    static let shell = ArgumentSpec(name: "shell", help: "bash, zsh or fish.", arity: .required)

    /// The word that names the command, known without building its spec.
    static let name = "completions"

    static let spec = CommandSpec(
        name: name,
        abstract: "Print the shell completion script for bash, zsh or fish (commands, options, their values, files).",
        discussion: """
            bash: optout completions bash > /etc/bash_completion.d/optout (or source it from ~/.bashrc). \
            zsh: optout completions zsh > "${fpath[1]}/_optout". fish: optout completions fish > ~/.config/fish/completions/optout.fish.
            """,
        arguments: [shell], commonOptions: false)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let name = invocation.positionals[0]
        guard let shell = CompletionScript.Shell(rawValue: name) else {
            throw OptOutError(.usage, "no completions for '\(NumberInput.shown(name))': give bash, zsh or fish")
        }
        invocation.output.write(CompletionScript.script(for: shell))
        return 0
    }
}
