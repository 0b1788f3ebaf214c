import OptOutCore

/// `optout review [list]`: the pending reviews, oldest first.
enum ReviewList: Command {
    static let format = Option<EntryWriter.Format>.choice("format", help: "A table for people, or records.", default: .table)

    static let spec = CommandSpec(
        name: "list", abstract: "List the pending reviews of the scope, oldest first.", options: [format.spec])

    static let fields = ["review_id", "number", "scope", "at", "message_id", "message_text", "rule", "proposed"]

    static func run(_ invocation: Invocation) throws(OptOutError) -> Int32 {
        let store = try invocation.openStore(.read)
        let scope = try invocation.knownScope(in: store)
        let reviews = try store.read { transaction in try transaction.pendingReviews(scope: scope) }
        invocation.output.writeList(
            reviews, as: try invocation.value(format), fields: fields,
            record: { review in
                [
                    ("review_id", .integer(review.event.id)), ("number", .string(review.event.number.e164)),
                    ("scope", .string(review.event.scope)), ("at", .string(review.event.at.iso8601)),
                    ("message_id", .optional(review.event.messageID)), ("message_text", .optional(review.event.messageText)),
                    ("rule", .optional(review.event.keyword)), ("proposed", .string(review.proposed.rawValue)),
                ]
            },
            header: ["ID", "NUMBER", "RECEIVED (UTC)", "PROPOSED", "RULE", "MESSAGE"],
            row: { review in
                [
                    String(review.event.id), review.event.number.e164, review.event.at.shortUTC, review.proposed.rawValue,
                    review.event.keyword ?? "", review.event.messageText.map(JSONValue.quoted) ?? "",
                ]
            }, empty: "No pending reviews.")
        return 0
    }
}
