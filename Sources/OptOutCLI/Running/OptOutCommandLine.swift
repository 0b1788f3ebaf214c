import OptOutCore
import OptOutPlatform

/// The `optout` command line: parses arguments, runs one subcommand, maps failures to exit codes.
public enum OptOutCommandLine {
    /// The version `optout --version` prints.
    public static let version = "0.1.0"

    /// Runs the process's command line and returns its exit status.
    ///
    /// An argument that is not valid UTF-8 is refused (64) before anything is parsed: Swift would
    /// otherwise replace its bad bytes with U+FFFD, and a number, a scope or a reason would silently
    /// become another one.
    public static func main(arguments: [String]) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let context = CommandContext(
            environment: processEnvironment(), standardOutput: OutputStream(descriptor: 1, name: "standard output"),
            standardError: OutputStream(descriptor: 2, name: "standard error"), standardInput: 0)
        if let bad = firstInvalidArgument() {
            context.error("argument \(bad) is not valid UTF-8; optout takes text in UTF-8 only")
            context.standardError.write("See 'optout --help'.\n")
            context.standardError.flush()
            return 64
        }
        return run(Array(arguments.dropFirst()), context: context)
    }

    /// The 1-based position of the first argument (after the program name) that is not valid UTF-8.
    static func firstInvalidArgument() -> Int? {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if String(validating: bytes, as: UTF8.self) == nil { return index }
        }
        return nil
    }

    /// How one command line ended, before the closed-output policy and the messages.
    private enum Ending {
        case status(Int32)
        case failure(OptOutError)
        case usage(UsageError)
    }

    /// Runs `arguments` (without the program name) against `context`; used by `main` and by tests.
    ///
    /// The one place that turns an ending into messages and an exit status: a usage error prints the
    /// usage line and a hint (64); an `OptOutError` its message (its exit code); a failure to write
    /// standard output 74, except when the reader closed it early, which ends quietly with the
    /// command's status unless the command declared that its output must arrive whole.
    static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        let ending = dispatch(arguments, context: context)
        let output = context.standardOutput
        output.flush()
        let errors = context.standardError
        defer { errors.flush() }
        if output.closedByReader && endedByClosedOutput(ending) {
            guard context.closedOutput == .endsQuietly else {
                context.error("standard output was closed before the output was complete")
                return 74
            }
            if case .status(let status) = ending { return status }
            return 0
        }
        switch ending {
        case .status(let status):
            if let failure = output.firstFailure {
                context.error(failure.message)
                return 74
            }
            return status
        case .failure(let error):
            context.error(ErrorText.message(error))
            return error.exitCode
        case .usage(let error):
            let spec = Commands.spec(at: error.commandPath)
            let name = (["optout"] + error.commandPath).joined(separator: " ")
            context.error(error.message)
            errors.write("Usage: \(HelpFormatter.usage(for: spec, path: error.commandPath))\n")
            errors.write("See '\(name) --help'.\n")
            return 64
        }
    }

    /// True when a run that found standard output closed ended because of it: it returned, or failed
    /// writing (a command that streams stops at its first failed write).
    private static func endedByClosedOutput(_ ending: Ending) -> Bool {
        switch ending {
        case .status: true
        case .failure(let error): error.kind == .io
        case .usage: false
        }
    }

    /// Parses and runs one command.
    private static func dispatch(_ arguments: [String], context: CommandContext) -> Ending {
        let outcome: ArgumentParser.Outcome
        do {
            outcome = try ArgumentParser(root: Commands.root).parse(arguments)
        } catch {
            return .usage(error)
        }
        switch outcome {
        case .help(let path):
            context.standardOutput.write(HelpFormatter.help(for: Commands.spec(at: path), path: path))
            return .status(0)
        case .version:
            context.standardOutput.write("optout \(version)\n")
            return .status(0)
        case .run(_, let parsed):
            guard let command = Commands.command(for: parsed.commandPath) else {
                return .failure(OptOutError(.internal, "no command for '\(parsed.commandPath.joined(separator: " "))'"))
            }
            do {
                return .status(try command.run(Invocation(arguments: parsed, context: context)))
            } catch where error.kind == .usage {
                return .usage(UsageError(message: ErrorText.message(error), commandPath: parsed.commandPath))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The process's environment as names and values, read from `environ` on bytes (the names and
    /// values are split at the first `=`; an entry without one is skipped). Every command builds it at
    /// start-up, so it is kept cheap: one pass, the dictionary sized once.
    static func processEnvironment() -> [String: String] {
        var count = 0
        while environ[count] != nil { count += 1 }
        var result: [String: String] = [:]
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = environ[index], let equals = strchr(entry, Int32(UInt8(ascii: "="))) else { continue }
            let start = UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self)
            let nameLength = UnsafeRawPointer(equals) - UnsafeRawPointer(entry)
            let name = String(decoding: UnsafeBufferPointer(start: start, count: nameLength), as: UTF8.self)
            let value = start + nameLength + 1
            result[name] = String(decoding: UnsafeBufferPointer(start: value, count: strlen(equals) - 1), as: UTF8.self)
        }
        return result
    }
}
