/// The mdoc(7) man page, made from the command declarations (`Commands.root`) that drive parsing and
/// help; `Docs/optout.1` is its committed copy, which a test keeps current.
enum ManualPage {
    /// The page's date (`.Dd`): the day the commands last changed, set by hand so the page is the same
    /// whenever it is made.
    static let date = "December 2, 2026"

    static var text: String {
        var page = """
            .\\" Made by `optout manual` from the command declarations; do not edit.
            .Dd \(date)
            .Dt OPTOUT 1
            .Os
            .Sh NAME
            .Nm optout
            .Nd \(escaped(Commands.root.abstract))
            .Sh SYNOPSIS
            .Nm
            .Ar command
            .Op Ar arguments
            .Op Ar options
            .Nm
            .Fl Fl help | Fl Fl version
            .Sh DESCRIPTION
            \(escaped(Commands.root.discussion))
            Every command takes
            .Fl Fl db Ar path ,
            .Fl Fl scope Ar name ,
            .Fl Fl actor Ar name
            and
            .Fl h , Fl Fl help .

            """
        for group in Commands.groups {
            page += ".Sh \(escaped(group.heading.uppercased()))\n.Bl -tag -width Ds\n"
            for name in group.names {
                guard let command = Commands.root.subcommands.first(where: { $0.name == name }) else { continue }
                if command.subcommands.isEmpty {
                    page += item([name], command)
                } else {
                    for sub in command.subcommands { page += item([name, sub.name], sub) }
                }
            }
            page += ".El\n"
        }
        page += """
            .Sh ENVIRONMENT
            .Bl -tag -width Ds

            """
        var seen: Set<String> = []
        for entry in Commands.runnable {
            for option in entry.spec.allOptions {
                guard let variable = option.environment, seen.insert(variable).inserted else { continue }
                page += ".It Ev \(variable)\n\(escaped(option.help))\n"
            }
        }
        for (variable, help) in otherVariables where seen.insert(variable).inserted {
            page += ".It Ev \(variable)\n\(escaped(help))\n"
        }
        page += """
            .El
            .Sh FILES
            .Bl -tag -width Ds
            .It Pa $XDG_DATA_HOME/optout/optout.sqlite , Pa ~/.local/share/optout/optout.sqlite
            The default database, created on first use.
            .El
            .Sh EXIT STATUS
            .Bl -tag -width Ds -compact
            .It 0
            success
            .It 1
            a negative answer
            .Pq Cm check , Cm verify
            .It 64
            usage error
            .It 65
            bad input data
            .It 66
            input or database missing
            .It 73
            cannot create an output
            .It 74
            input or output error
            .It 75
            the database stayed busy; try again
            .It 77
            not permitted: a bad signature, unsafe file permissions
            .It 70
            internal error
            .El
            .Sh SEE ALSO
            .Xr sqlite3 1
            .Pp
            The project's Docs folder: the contract, the CLI reference, deployment and privacy notes.

            """
        return page
    }

    /// The variables read outside option declarations.
    static let otherVariables: [(String, String)] = [
        ("OPTOUT_BUSY_TIMEOUT_MS", "How long a writer waits for another's lock, in milliseconds (default 5000)."),
        ("OPTOUT_FILE_MODE", "The mode of new databases and output files, 0600 (default) to 0660."),
        ("OPTOUT_META_APP_SECRET", "The Meta app secret that signs WhatsApp Cloud API webhooks."),
        ("OPTOUT_META_VERIFY_TOKEN", "The token Meta's webhook verification handshake must present."),
        ("OPTOUT_TWILIO_AUTH_TOKEN", "The Twilio auth token that signs Twilio webhooks."),
        ("OPTOUT_TWILIO_WEBHOOK_URL", "The URL Twilio posts to, when the one the server sees differs."),
    ]

    /// One command: its synopsis line, abstract, discussion and options.
    private static func item(_ path: [String], _ spec: CommandSpec) -> String {
        var line = ".It Nm " + path.map { "Cm \(escaped($0))" }.joined(separator: " ")
        for argument in spec.arguments {
            switch argument.arity {
            case .required: line += " Ar \(argument.name)"
            case .optional: line += " Op Ar \(argument.name)"
            case .variadic: line += " Op Ar \(argument.name) ..."
            case .oneOrMore: line += " Ar \(argument.name) ..."
            }
        }
        var text = line + "\n" + escaped(spec.abstract) + "\n"
        if !spec.discussion.isEmpty { text += ".Pp\n" + escaped(spec.discussion) + "\n" }
        let own = spec.options
        if !own.isEmpty {
            text += ".Bl -tag -width Ds -compact\n"
            for option in own {
                var label = ".It"
                if let short = option.short { label += " Fl \(short) ," }
                label += " Fl Fl \(option.name)"
                if let valueName = option.valueName { label += " Ar \(valueName)" }
                text += label + "\n" + escaped(option.fullHelp) + "\n"
            }
            text += ".El\n"
        }
        return text
    }

    /// Text for an mdoc body line: backslashes as `\e`, characters beyond ASCII as `\[uXXXX]` (groff
    /// and mandoc both read them so, whatever the page's encoding), and a line never starting with `.`
    /// or `'`.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" {
                result += "\\e"
            } else if scalar.value >= 0x80 {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
        return result
    }
}
