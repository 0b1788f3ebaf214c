import OptOutCore

/// `optout review`: the messages held for a person's decision.
enum ReviewCommand: CommandGroup {
    static var commands: [any Command.Type] { [ReviewList.self, ReviewAccept.self, ReviewDismiss.self, ReviewUndo.self] }

    /// The word that names the command, known without building its spec.
    static let name = "review"

    static let spec = CommandSpec(
        name: name,
        abstract: "The queue of messages the matcher could not decide: list, accept, dismiss; undo automatic opt-outs.",
        discussion: """
            A message the matcher could not decide holds marketing to its sender (review-pending) until someone \
            accepts it (the proposed opt-out or opt-in is recorded) or dismisses it with a reason. Setting \
            review-holds-marketing=off lets marketing through while a review waits. Opt-outs the fuzzy and intent \
            layers applied at once are listed by 'review --auto' for 14 days; 'review undo' reverses a wrong one.
            """,
        nested: commands.map { $0.subcommand }, defaultSubcommand: "list")

    /// A review named by its event id (digits only) or by the sender's number.
    static let target = ArgumentSpec(name: "id-or-number", help: "The review's event id (see 'optout review'), or the sender's number.")

    /// The selector for the first positional argument.
    static func selector(_ invocation: Invocation, store: OptOutStore) throws(OptOutError) -> ReviewDecision.Selector {
        let text = invocation.positionals[0]
        if let id = RecordID.parse(text) { return .event(id) }
        switch try invocation.normalizer(store: store).identifier(text) {
        case .success(let identifier): return .identifier(identifier)
        case .failure(let rejection):
            throw OptOutError(.badInput, "'\(NumberInput.shown(text))' is neither a review id nor a phone number: \(ErrorText.rejection(rejection))")
        }
    }

    /// Decides the review named by the first argument.
    static func decide(_ invocation: Invocation, _ verdict: ReviewDecision.Verdict, reason: String?) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.write)
        let decision = ReviewDecision(
            selector: try selector(invocation, store: store), verdict: verdict, scope: try invocation.knownScope(in: store),
            actor: invocation.actor(), reason: reason)
        let outcome = try store.decide(decision, now: invocation.context.now())
        let done: String
        switch verdict {
        case .accept:
            let proposed = outcome.review.proposed.rawValue
            done = outcome.applied?.stale == true
                ? "accepted; the \(proposed) was not applied: the customer said otherwise after this message"
                : "accepted: \(proposed) recorded"
        case .dismiss: done = "dismissed"
        case .undo: done = "undone"
        }
        let what = verdict == .undo ? "opt-out" : "review"
        invocation.output.write("\(outcome.review.event.identifier.text)\t\(what) \(outcome.review.event.id) \(done) (\(outcome.statusAfter.rawValue))\n")
        return 0
    }
}
