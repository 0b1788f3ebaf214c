import OptOutCore

/// `optout opt-in`: record express consent, for `filter-campaign --require-opt-in` and `check`.
enum OptInCommand: Command {
    static let source = Option<Source?>(
        name: "source", valueName: "source", help: "Where the customer gave consent (required).",
        allowedValues: Source.consentSources.map(\.rawValue), defaultValue: nil
    ) { text throws(OptOutError) in
        guard let source = Source.consentSources.first(where: { $0.rawValue == text }) else {
            throw OptOutError(
                .usage, "--source must be one of \(Source.consentSources.map(\.rawValue).joined(separator: ", ")); got '\(text)'")
        }
        return source
    }
    static let at = Option<Timestamp?>.time("at", help: "When the customer gave consent (default: now).")
    static let evidence = Option<String?>.text(
        "evidence", valueName: "text", help: "What shows the consent: a form id, a signed paper, a call reference.")
    static let afterOptOut = Flag(
        name: "after-opt-out",
        help: "The customer opted out before and has asked again since; needs --evidence.")

    /// The word that names the command, known without building its spec.
    static let name = "opt-in"

    static let spec = CommandSpec(
        name: name,
        abstract: "Record a customer's express consent to marketing (the opted-in fact).",
        discussion: """
            For numbers that have not opted out. A number that opted out is refused (exit 65, nothing changed) \\
            unless --after-opt-out states that the customer asked again after opting out, with --evidence. A \\
            staff block stays: consent never lifts it. All numbers are one transaction, as with block.
            """,
        arguments: [ArgumentSpec(name: "number", help: "Phone numbers that gave consent.", arity: .variadic)],
        options: [CommonOptions.numbersFile.spec, CommonOptions.encoding.spec, CommonOptions.atColumn.spec, source.spec, at.spec, evidence.spec, afterOptOut.spec]
            + [CommonOptions.dryRun.spec, CommonOptions.skipInvalid.spec, CommonOptions.verbose.spec] + CommonOptions.numberReading)

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        guard let source = try invocation.value(source) else {
            throw OptOutError(.usage, "--source is required: web-form, paper, verbal or import")
        }
        let evidence = try invocation.value(evidence)
        let after = invocation.flag(afterOptOut)
        if after, (evidence ?? "").isEmpty {
            throw OptOutError(.usage, "--after-opt-out needs --evidence: what shows the customer asked again")
        }
        return try ManualChangeRunner.run(
            invocation, kind: .optIn(source: source, afterOptOut: after), at: try invocation.value(at), reason: evidence)
    }
}
