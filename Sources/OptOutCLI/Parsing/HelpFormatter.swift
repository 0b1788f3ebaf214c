/// Lays out help as OVERVIEW / USAGE / ARGUMENTS / OPTIONS / SUBCOMMANDS, like swift-argument-parser.
enum HelpFormatter {
    static let labelWidth = 28

    /// The full help text for the command at `path`.
    static func help(for spec: CommandSpec, path: [String]) -> String {
        var text = "OVERVIEW: \(spec.abstract)\n"
        if !spec.discussion.isEmpty { text += "\n\(spec.discussion)\n" }
        text += "\nUSAGE: \(usage(for: spec, path: path))\n"
        if !spec.arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for argument in spec.arguments { text += row("<\(argument.name)>", argument.help) }
        }
        let options = path.isEmpty ? [OptionSpec.version, OptionSpec.help] : spec.allOptions
        if !spec.nested.isEmpty && !path.isEmpty {
            text += "\nOPTIONS:\n" + row(OptionSpec.help.label, OptionSpec.help.help)
        } else {
            text += "\nOPTIONS:\n"
            for option in options { text += row(option.label, option.fullHelp) }
        }
        if !spec.nested.isEmpty {
            text += "\nSUBCOMMANDS:\n"
            if spec.subcommandGroups.isEmpty {
                for command in spec.subcommands { text += row(command.name, command.abstract) }
            } else {
                for (index, group) in spec.subcommandGroups.enumerated() {
                    text += (index == 0 ? "" : "\n") + "  \(group.heading):\n"
                    for name in group.names {
                        guard let command = spec.subcommands.first(where: { $0.name == name }) else { continue }
                        text += row(command.name, command.abstract)
                    }
                }
            }
            let prefix = (["optout"] + path + (path.isEmpty ? ["help"] : [])).joined(separator: " ")
            text += "\n  See '\(prefix) <subcommand>\(path.isEmpty ? "" : " --help")' for detailed help.\n"
        }
        return text
    }

    /// `optout block <number> ... [--file <path>] …`.
    static func usage(for spec: CommandSpec, path: [String]) -> String {
        var parts = ["optout"] + path
        if !spec.nested.isEmpty {
            parts.append("<subcommand>")
            return parts.joined(separator: " ")
        }
        parts += spec.arguments.map(\.usage)
        for option in spec.options {
            parts.append("[\(option.label)]" + (option.repeatable ? " ..." : ""))
        }
        if spec.commonOptions { parts.append("[--db <path>] [--scope <name>] [--actor <name>]") }
        return parts.joined(separator: " ")
    }

    /// One aligned, wrapped row of a help section.
    static func row(_ label: String, _ help: String) -> String {
        let indent = String(repeating: " ", count: labelWidth + 2)
        var lines = wrap(help, width: 100 - labelWidth - 2)
        let first = lines.isEmpty ? "" : lines.removeFirst()
        var text = "  " + label
        if label.count + 2 >= labelWidth {
            text += "\n" + indent + first + "\n"
        } else {
            text += String(repeating: " ", count: labelWidth - label.count) + first + "\n"
        }
        for line in lines { text += indent + line + "\n" }
        return text
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
