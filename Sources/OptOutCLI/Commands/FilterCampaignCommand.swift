import OptOutCore

import OptOutPlatform

/// `optout filter-campaign`: removes suppressed numbers from a recipient CSV (contract §6).
enum FilterCampaignCommand: Command {
    static let spec = CommandSpec(
        name: "filter-campaign",
        abstract: "Remove blocked and opted-out numbers from a recipient CSV before a campaign.",
        discussion: """
            Reads the CSV (a file, or standard input when INPUT is '-' or missing), finds the phone column and \
            writes the header and every kept row exactly as read. Dropped rows get a reason: blocked, opted-out, \
            marketing-stopped, not-opted-in, invalid-number or duplicate. A summary goes to standard error. \
            --output and --rejected files appear whole or not at all, with mode 0600.
            """,
        arguments: [ArgumentSpec(name: "input", help: "The recipient CSV, or '-' for standard input.", arity: .optional)],
        options: [
            OptionSpec(name: "output", short: "o", valueName: "path", help: "Write kept rows here (default: standard output)."),
            OptionSpec(name: "rejected", valueName: "path", help: "Write dropped rows here, with an optout_reason column."),
            OptionSpec(name: "column", valueName: "name|n", help: "The phone column: a header name or a 1-based number (default: detected)."),
            OptionSpec(name: "delimiter", valueName: "c", help: "',', ';', '|' or 'tab' (default: detected from the header)."),
            .category,
            OptionSpec(name: "require-opt-in", help: "Marketing also needs an explicit opt-in (drops not-opted-in)."),
            .defaultCountry, .whatsAppIDs,
            OptionSpec(name: "dedupe", help: "Drop a row whose number (any equivalent form) was already kept."),
            OptionSpec(name: "keep-invalid", help: "Keep rows whose number is invalid instead of dropping them."),
            OptionSpec(name: "report", valueName: "format", help: "text (default) or json (on standard output; needs --output)."),
        ])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let report = try invocation.choice("report", ["text", "json"], default: "text")
        let category = try invocation.category()
        let delimiter = try parseDelimiter(invocation.arguments.value("delimiter"))
        let inputPath = invocation.arguments.positionals.first ?? "-"
        let outputPath = invocation.arguments.value("output").flatMap { $0 == "-" ? nil : $0 }
        let rejectedPath = invocation.arguments.value("rejected")
        if let outputPath, outputPath == rejectedPath {
            throw OptOutError(.usage, "--output and --rejected must be different files")
        }
        if let rejectedPath, rejectedPath == "-" {
            throw OptOutError(.usage, "--rejected needs a file path")
        }

        let store = try invocation.openStore(readOnlyAllowed: true)
        let scope = try invocation.scope()
        let options = CampaignFilterOptions(
            column: invocation.arguments.value("column"), delimiter: delimiter, category: category,
            policy: try store.sendingPolicy(requireOptIn: invocation.flag("require-opt-in")),
            dedupe: invocation.flag("dedupe"), keepInvalid: invocation.flag("keep-invalid"),
            normalizer: try invocation.normalizer(store: store),
            inputName: inputPath == "-" ? "standard input" : inputPath)

        let source: FileByteSource
        do {
            source = try FileByteSource.input(inputPath, standardInput: invocation.context.standardInput)
        } catch {
            throw OptOutError(error)
        }
        let outputFile: AtomicFile?
        let rejectedFile: AtomicFile?
        do {
            outputFile = try outputPath.map { path throws(OptOutIOError) in try AtomicFile(path: path) }
            rejectedFile = try rejectedPath.map { path throws(OptOutIOError) in try AtomicFile(path: path) }
        } catch {
            throw OptOutError(error)
        }

        let errors = invocation.context.standardError
        let progress: ((CampaignReport) -> Void)? = errors.isTerminal
            ? { current in
                errors.write("\roptout: \(current.rows) rows read, \(current.kept) kept")
                errors.flush()
            } : nil
        let result: CampaignReport
        do {
            result = try CampaignFilter.run(
                source: source, loadSuppressions: { () throws(OptOutError) in try SuppressionSet(store: store, scope: scope) },
                options: options,
                output: outputFile?.sink ?? invocation.output.sink, rejected: rejectedFile?.sink, progress: progress)
            try rejectedFile?.commit()
            try outputFile?.commit()
        } catch let error as OptOutError {
            outputFile?.discard()
            rejectedFile?.discard()
            if progress != nil { errors.write("\r\u{1B}[K") }
            if outputFile == nil, error.kind == .io, stdoutClosed(invocation) { return 0 }
            throw error
        } catch let error as OptOutIOError {
            outputFile?.discard()
            rejectedFile?.discard()
            if progress != nil { errors.write("\r\u{1B}[K") }
            throw OptOutError(error)
        } catch {
            throw OptOutError(.internal, "\(error)")
        }

        if progress != nil { errors.write("\r\u{1B}[K") }
        errors.write(result.summary + "\n")
        for hint in result.hints { invocation.context.warn(hint) }
        if report == "json" {
            if outputFile != nil {
                invocation.output.writeLine(result.json)
            } else {
                invocation.context.warn("--report json needs --output (kept rows go to standard output); the summary is above")
            }
        }
        return 0
    }

    /// `--delimiter`: one of `,` `;` `|` or a tab (`tab`, `\t` or the character itself).
    static func parseDelimiter(_ text: String?) throws(OptOutError) -> UInt8? {
        switch text {
        case nil: return nil
        case ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "|": return UInt8(ascii: "|")
        case "\t", "tab", "\\t": return UInt8(ascii: "\t")
        case let other?:
            throw OptOutError(.usage, "--delimiter must be ',', ';', '|' or 'tab'; got '\(other)'")
        }
    }

    /// True when writing standard output failed because its reader went away (`… | head`): like other
    /// commands, that ends the output quietly.
    private static func stdoutClosed(_ invocation: Invocation) -> Bool {
        do {
            try invocation.output.sink.flush()
            return false
        } catch {
            return error.errorNumber == EPIPE
        }
    }
}
