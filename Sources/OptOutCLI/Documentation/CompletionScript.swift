/// Shell completion scripts made from the command declarations (`Commands.root`), the same ones that
/// drive parsing and help: command and subcommand names, each command's options, the allowed values of
/// an option that has them, and file names for options whose value is a path.
enum CompletionScript {
    /// The shells a script is made for.
    enum Shell: String, CaseIterable, Sendable {
        case bash
        case zsh
        case fish
    }

    /// Option value names that are paths (`--file <path>`, `--spool <dir>`, `--whatsapp <file>`).
    static func takesPath(_ option: OptionSpec) -> Bool {
        ["path", "file", "dir"].contains(option.valueName ?? "")
    }

    static func script(for shell: Shell) -> String {
        switch shell {
        case .bash: bash
        case .zsh: "#compdef optout\n# optout completions for zsh: the bash completion, through bashcompinit.\n"
            + "autoload -U +X bashcompinit && bashcompinit\n" + bash
        case .fish: fish
        }
    }

    // MARK: - bash

    static var bash: String {
        let groups = Commands.root.subcommands.filter { !$0.subcommands.isEmpty }
        var text = """
            # optout completions for bash, made by `optout completions bash` from the command declarations.
            # The words that start with the word being completed (zsh's compgen -W does not filter them).
            _optout_words() {
                local cur=$1 word
                shift
                COMPREPLY=()
                for word in "$@"; do [[ $word == "$cur"* ]] && COMPREPLY+=("$word"); done
            }
            _optout() {
                local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} path="" i word
                for ((i = 1; i < COMP_CWORD; i++)); do
                    word=${COMP_WORDS[i]}
                    case $word in -*) continue ;; esac
                    case $path in
                        "") path=$word ;;
                        \(groups.map(\.name).joined(separator: "|"))) path="$path $word" ;;
                    esac
                done
                case $path in
                    "") _optout_words "$cur" \(Commands.root.subcommands.map(\.name).joined(separator: " ")) --help --version; return ;;

            """
        for group in groups {
            text += "        \"\(group.name)\") _optout_words \"$cur\" \(group.subcommands.map(\.name).joined(separator: " ")) --help; return ;;\n"
        }
        text += "    esac\n    case \"$path:$prev\" in\n"
        for entry in Commands.runnable {
            for option in entry.spec.allOptions where !option.isFlag {
                let key = "\(entry.path.joined(separator: " ")):--\(option.name)"
                if let values = option.allowedValues {
                    text += "        \"\(key)\") _optout_words \"$cur\" \(values.map(quoted).joined(separator: " ")); return ;;\n"
                } else if takesPath(option) {
                    text += "        \"\(key)\") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
                } else {
                    text += "        \"\(key)\") COMPREPLY=(); return ;;\n"
                }
            }
        }
        text += "    esac\n    case $path in\n"
        for entry in Commands.runnable {
            let options = entry.spec.allOptions.map { "--\($0.name)" }.joined(separator: " ")
            let files = entry.spec.arguments.contains { ["path", "input"].contains($0.name) }
            let words = "_optout_words \"$cur\" \(options)"
            text += "        \"\(entry.path.joined(separator: " "))\") \(words)"
            text += files ? "; [[ $cur != -* ]] && COMPREPLY+=($(compgen -f -- \"$cur\")) ;;\n" : " ;;\n"
        }
        text += "    esac\n}\ncomplete -F _optout optout\n"
        return text
    }

    // MARK: - fish

    static var fish: String {
        var text = "# optout completions for fish, made by `optout completions fish` from the command declarations.\n"
        text += "complete -c optout -f\n"
        for command in Commands.root.subcommands {
            text += "complete -c optout -n '__fish_use_subcommand' -a \(command.name) -d \(quoted(command.abstract))\n"
            for sub in command.subcommands {
                text += "complete -c optout -n '__fish_seen_subcommand_from \(command.name)' -a \(sub.name) -d \(quoted(sub.abstract))\n"
            }
        }
        for entry in Commands.runnable {
            let condition = entry.path.map { "__fish_seen_subcommand_from \($0)" }.joined(separator: "; and ")
            for option in entry.spec.allOptions {
                var line = "complete -c optout -n '\(condition)' -l \(option.name)"
                if let short = option.short { line += " -s \(short)" }
                if let values = option.allowedValues {
                    line += " -x -a \(quoted(values.joined(separator: " ")))"
                } else if takesPath(option) {
                    line += " -r -F"
                } else if !option.isFlag {
                    line += " -x"
                }
                text += line + " -d \(quoted(option.help))\n"
            }
        }
        return text
    }

    /// `text` in single quotes for a shell, `'` written as `'\''`.
    static func quoted(_ text: String) -> String {
        var result = "'"
        for character in text { result += character == "'" ? "'\\''" : String(character) }
        return result + "'"
    }
}
