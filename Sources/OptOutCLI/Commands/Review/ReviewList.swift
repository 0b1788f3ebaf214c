import OptOutCore

/// `optout review [list] [--auto]`: the pending reviews, or the undoable automatic opt-outs, oldest first.
enum ReviewList: Command {
    static let format = Option<EntryWriter.Format>.choice("format", help: "A table for people, or records.", default: .table)
    static let automatic = Flag(
        name: "auto", help: "List instead the opt-outs the fuzzy and intent layers applied in the last 14 days (see 'review undo').")

    /// The word that names the command, known without building its spec.
    static let name = "list"

    static let spec = CommandSpec(
        name: name, abstract: "List the pending reviews of the scope, oldest first.",
        options: [format.spec, automatic.spec])

    static let fields = ["review_id", "number", "scope", "at", "message_id", "message_text", "layer", "rule", "proposed"]

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.read)
        let scope = try invocation.knownScope(in: store)
        let showsAutomatic = invocation.flag(automatic)
        let now = invocation.context.now()
        let listed: [(event: Event, proposed: Verdict)] = try store.read { transaction in
            showsAutomatic
                ? try transaction.automaticOptOuts(scope: scope, now: now).map { ($0, Verdict.optOut) }
                : try transaction.pendingReviews(scope: scope).map { ($0.event, $0.proposed) }
        }
        invocation.output.writeList(
            listed, as: try invocation.value(format), fields: fields,
            record: { item in
                [
                    ("review_id", .integer(item.event.id)), ("number", .string(item.event.identifier.text)),
                    ("scope", .string(item.event.scope)), ("at", .string(item.event.at.iso8601)),
                    ("message_id", .optional(item.event.messageID)), ("message_text", .optional(item.event.messageText)),
                    ("layer", .optional(item.event.layer?.rawValue)), ("rule", .optional(item.event.rule ?? item.event.keyword)),
                    ("proposed", .string(item.proposed.rawValue)),
                ]
            },
            header: ["ID", "NUMBER", "RECEIVED (UTC)", showsAutomatic ? "APPLIED" : "PROPOSED", "LAYER", "RULE", "MESSAGE"],
            row: { item in
                [
                    String(item.event.id), item.event.identifier.text, item.event.at.shortUTC, item.proposed.rawValue,
                    item.event.layer?.rawValue ?? "", item.event.keyword ?? "", item.event.messageText.map(JSONValue.quoted) ?? "",
                ]
            }, empty: showsAutomatic ? "No automatic opt-outs in the last 14 days." : "No pending reviews.")
        return 0
    }
}
