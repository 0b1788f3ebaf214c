import OptOutCore

import OptOutPlatform

/// The `optout` command line: parses arguments, runs one subcommand, maps failures to exit codes.
public enum OptOutCommandLine {
    /// The version `optout --version` prints.
    public static let version = "0.1.0"

    /// Runs the process's command line and returns its exit status.
    public static func main(arguments: [String]) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let context = CommandContext(
            environment: processEnvironment(), standardOutput: OutputStream(descriptor: 1, name: "standard output"),
            standardError: OutputStream(descriptor: 2, name: "standard error"), standardInput: 0)
        return run(Array(arguments.dropFirst()), context: context)
    }

    /// Runs `arguments` (without the program name) against `context`; used by `main` and by tests.
    static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        var status = dispatch(arguments, context: context)
        context.standardOutput.flush()
        if let failure = context.standardOutput.reportableFailure {
            context.standardError.write("optout: error: \(failure.message)\n")
            status = 74
        }
        context.standardError.flush()
        return status
    }

    /// Parses and runs one command, turning every failure into a message and an exit status.
    private static func dispatch(_ arguments: [String], context: CommandContext) -> Int32 {
        let parser = ArgumentParser(root: Commands.root)
        do {
            switch try parser.parse(arguments) {
            case .help(let path):
                context.standardOutput.write(HelpFormatter.help(for: Commands.spec(at: path), path: path))
                return 0
            case .run(let spec, let parsed):
                if spec.name == "--version" {
                    context.standardOutput.write("optout \(version)\n")
                    return 0
                }
                guard let command = Commands.command(for: parsed.commandPath) else {
                    context.standardError.write("optout: error: no command for '\(parsed.commandPath.joined(separator: " "))'\n")
                    return 70
                }
                let result = Result { () throws(OptOutError) -> Int32 in
                    try command.run(Invocation(arguments: parsed, context: context))
                }
                switch result {
                case .success(let status): return status
                case .failure(let error) where error.kind == .usage:
                    throw UsageError(message: error.message, commandPath: parsed.commandPath)
                case .failure(let error): throw error
                }
            }
        } catch let error as UsageError {
            let spec = Commands.spec(at: error.commandPath)
            let name = (["optout"] + error.commandPath).joined(separator: " ")
            context.standardError.write("optout: error: \(error.message)\n")
            context.standardError.write("Usage: \(HelpFormatter.usage(for: spec, path: error.commandPath))\n")
            context.standardError.write("See '\(name) --help'.\n")
            return 64
        } catch let error as OptOutError {
            context.standardError.write("optout: error: \(error.message)\n")
            return error.exitCode
        } catch {
            context.standardError.write("optout: error: \(error)\n")
            return 70
        }
    }

    static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
