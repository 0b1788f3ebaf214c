import OptOutCore


/// `optout filter-campaign`: removes suppressed numbers from a recipient CSV (contract §6).
enum FilterCampaignCommand: Command {
    /// The word that names the command, known without building its spec.
    static let name = "filter-campaign"

    static let spec = CommandSpec(
        name: name,
        abstract: "Remove blocked and opted-out numbers from a recipient CSV before a campaign.",
        discussion: """
            Reads the CSV (a file, or standard input when INPUT is '-' or missing), finds the phone column and \
            writes the header and every kept row exactly as read. Dropped rows get a reason: blocked, opted-out, \
            marketing-stopped, not-opted-in, invalid-number or duplicate. A summary goes to standard error. \
            --output and --rejected files appear whole or not at all, with mode 0600.
            """,
        arguments: [ArgumentSpec(name: "input", help: "The recipient CSV, or '-' for standard input.", arity: .optional)],
        options: [
            output.spec, rejected.spec, column.spec, userIDColumn.spec, delimiter.spec, CommonOptions.encoding.spec,
            CommonOptions.category.spec,
            CommonOptions.requireOptIn.spec,
        ] + CommonOptions.numberReading + [dedupe.spec, keepInvalid.spec, report.spec, summaryOnly.spec])

    static let output = Option<String?>.text(
        "output", short: "o", valueName: "path", help: "Write kept rows here (default: standard output).")
    static let rejected = Option<String?>.text(
        "rejected", valueName: "path", help: "Write dropped rows here, with an optout_reason column."
    ) { path throws(OptOutError) in
        if path == "-" { throw OptOutError(.usage, "--rejected needs a file path") }
    }
    static let column = Option<String?>.text(
        "column", valueName: "name|n", help: "The phone column: a header name or a 1-based number (default: detected).")
    static let userIDColumn = Option<String?>.text(
        "user-id-column", valueName: "name|n",
        help: "The column of WhatsApp user ids (default: user_id, bsuid, wa_user_id or whatsapp_user_id, when present).")
    static let delimiter = Option<UInt8?>(
        name: "delimiter", valueName: "c", help: "The field delimiter (default: detected from the header).",
        allowedValues: [",", ";", "|", "tab"], defaultValue: nil
    ) { text throws(OptOutError) in
        switch text {
        case ",": UInt8(ascii: ",")
        case ";": UInt8(ascii: ";")
        case "|": UInt8(ascii: "|")
        case "\t", "tab", "\\t": UInt8(ascii: "\t")
        default: throw OptOutError(.usage, "--delimiter must be ',', ';', '|' or 'tab'; got '\(text)'")
        }
    }
    static let dedupe = Flag(name: "dedupe", help: "Drop a row whose number (any equivalent form) was already kept.")
    static let keepInvalid = Flag(name: "keep-invalid", help: "Keep rows whose number is invalid instead of dropping them.")

    /// `--report` values.
    enum Report: String, CaseIterable, Sendable {
        case text
        /// JSON on standard output; needs `--output`.
        case json
    }

    static let report = Option<Report>.choice(
        "report", help: "The summary as text on standard error, or JSON on standard output (needs --output or --summary-only).",
        default: .text)
    static let summaryOnly = Flag(
        name: "summary-only", help: "Count the rows and print the summary without writing any row (no --output or --rejected).")

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let report = try invocation.value(report)
        let category = try invocation.value(CommonOptions.category)
        let delimiter = try invocation.value(delimiter)
        let inputPath = invocation.positionals.first ?? "-"
        let outputPath = try invocation.value(output).flatMap { $0 == "-" ? nil : $0 }
        let rejectedPath = try invocation.value(rejected)
        let summaryOnly = invocation.flag(summaryOnly)
        if summaryOnly, invocation.isGiven(output) || rejectedPath != nil {
            throw OptOutError(.usage, "--summary-only writes no rows: give no --output or --rejected")
        }
        if report == .json, outputPath == nil, !summaryOnly {
            throw OptOutError(.usage, "--report json prints the report on standard output, where the kept rows go without --output: give --output FILE, or --summary-only")
        }
        try invocation.checkOutputs(
            [("--output", outputPath), ("--rejected", rejectedPath)].compactMap { option, path in path.map { (option, $0) } },
            inputs: [("input", inputPath)])

        let store = try invocation.openStore(.read)
        let scope = try invocation.knownScope(in: store)
        var options = CampaignFilterOptions(
            column: try invocation.value(column), delimiter: delimiter, category: category,
            policy: try store.read { transaction in
                try transaction.sendingPolicy(scope: scope, requireOptIn: invocation.flag(CommonOptions.requireOptIn))
            },
            dedupe: invocation.flag(dedupe), keepInvalid: invocation.flag(keepInvalid),
            normalizer: try invocation.normalizer(store: store),
            inputName: inputPath == "-" ? "standard input" : inputPath)
        options.userIDColumn = try invocation.value(userIDColumn)
        options.encoding = try invocation.value(CommonOptions.encoding)

        let source: FileByteSource
        do {
            source = try FileByteSource.input(inputPath, standardInput: invocation.context.standardInput)
        } catch {
            throw OptOutError(error)
        }
        let outputFile = try outputPath.map { path throws(OptOutError) in try invocation.openOutput(path) }
        let rejectedFile = try rejectedPath.map { path throws(OptOutError) in try invocation.openOutput(path) }

        let errors = invocation.context.standardError
        let progress: ((CampaignReport) -> Void)? = errors.isTerminal
            ? { current in
                errors.write("\roptout: \(current.rows) rows read, \(current.kept) kept")
                errors.flush()
            } : nil
        let result: CampaignReport
        do throws(OptOutError) {
            result = try CampaignFilter.run(
                source: source, loadSuppressions: { () throws(OptOutError) in try SuppressionSet(store: store, scope: scope) },
                options: options,
                output: summaryOnly ? ByteSink.discarding() : outputFile?.sink ?? invocation.output.sink, rejected: rejectedFile?.sink,
                progress: progress)
            do throws(OptOutIOError) {
                try rejectedFile?.commit()
                try outputFile?.commit()
            } catch {
                throw OptOutError(error)
            }
        } catch {
            outputFile?.discard()
            rejectedFile?.discard()
            if progress != nil { errors.write("\r\u{1B}[K") }
            throw error
        }

        if progress != nil { errors.write("\r\u{1B}[K") }
        errors.write(result.summary + "\n" + result.columnLine + "\n")
        for hint in result.hints { invocation.context.warn(ErrorText.hint(hint)) }
        if report == .json { invocation.output.writeLine(result.json) }
        return 0
    }
}
