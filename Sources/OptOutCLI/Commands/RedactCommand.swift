import OptOutCore

/// `optout redact --before TIME`: data minimisation.
enum RedactCommand: Command {
    static let before = Option<Timestamp?>.time("before", help: "Erase the message texts of the events before this time.")

    /// The word that names the command, known without building its spec.
    static let name = "redact"

    static let spec = CommandSpec(
        name: name,
        abstract: "Erase the message texts of every event before a time (data minimisation); verdicts and suppressions stay.",
        discussion: "Recorded in the redactions audit with who and when. See Docs/privacy.md.",
        options: [before.spec])

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        guard let cutoff = try invocation.value(before) else { throw OptOutError(.usage, "--before TIME is required") }
        let now = invocation.context.now()
        if cutoff > now { throw OptOutError(.usage, "--before is in the future: that would erase texts not yet received") }
        let store = try invocation.openStore(.update)
        let erased = try store.redactMessageTexts(before: cutoff, actor: invocation.actor(), at: now)
        invocation.output.write("\(erased) message \(erased == 1 ? "text" : "texts") erased from events before \(cutoff.iso8601)\n")
        return 0
    }
}
