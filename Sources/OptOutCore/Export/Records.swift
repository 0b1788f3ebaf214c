/// The stable, documented fields of an entry and of an event, shared by `list`, `show` and `export`.
///
/// Keys are snake_case and never renamed; new ones are only appended (contract §5, Docs/cli.md).
public enum Records {
    // MARK: - Entries

    /// Field names of an entry, in output order (also the CSV header).
    public static var entryFields: [String] { storedEntryFields.map(\.name) }

    /// Each entry field and the `entries` column it is read from, for exports that stream rows
    /// straight from SQLite (`RecordWriter.write(row:fields:)`); same names, order and text as
    /// `fields(of:)`.
    public static let storedEntryFields: [StoredField] = [
        StoredField.identifierFields(table: "entries").number,
        StoredField("scope", EntryColumn.scope, .text),
        StoredField("status", EntryColumn.status, .text),
        StoredField("changed_at", EntryColumn.changedAt, .timestamp),
        StoredField("consent", EntryColumn.consent, .text),
        StoredField("consent_at", EntryColumn.consentAt, .timestamp),
        StoredField("consent_source", EntryColumn.consentSource, .text),
        StoredField("blocked", EntryColumn.blocked, .boolean),
        StoredField("blocked_at", EntryColumn.blockedAt, .timestamp),
        StoredField("blocked_source", EntryColumn.blockedSource, .text),
        StoredField("marketing_stopped", EntryColumn.marketingStopped, .boolean),
        StoredField("marketing_stopped_at", EntryColumn.marketingAt, .timestamp),
        StoredField("marketing_stopped_source", EntryColumn.marketingSource, .text),
        StoredField("actor", EntryColumn.actor, .text),
        StoredField("reason", EntryColumn.reason, .text),
        StoredField("review_pending", EntryColumn.reviewPending, .boolean),
        StoredField("review_pending_at", EntryColumn.reviewAt, .timestamp),
        StoredField("review_pending_source", EntryColumn.reviewSource, .text),
        StoredField.identifierFields(table: "entries").userID,
        StoredField.identifierFields(table: "entries").parentUserID,
        StoredField.linkedIdentifiers,
    ]

    /// An entry as ordered key–value pairs; matches `entryFields`.
    public static func fields(of entry: Entry) -> [(String, JSONValue)] {
        [
            ("number", .optional(entry.identifier.phone?.e164)),
            ("scope", .string(entry.scope)),
            ("status", .string(entry.status.rawValue)),
            ("changed_at", .string(entry.changedAt.iso8601)),
            ("consent", .optional(entry.consent.value?.rawValue)),
            ("consent_at", .optional(entry.consent.at?.iso8601)),
            ("consent_source", .optional(entry.consent.source?.rawValue)),
            ("blocked", .bool(entry.blocked.value)),
            ("blocked_at", .optional(entry.blocked.at?.iso8601)),
            ("blocked_source", .optional(entry.blocked.source?.rawValue)),
            ("marketing_stopped", .bool(entry.marketingStopped.value)),
            ("marketing_stopped_at", .optional(entry.marketingStopped.at?.iso8601)),
            ("marketing_stopped_source", .optional(entry.marketingStopped.source?.rawValue)),
            ("actor", .optional(entry.actor)),
            ("reason", .optional(entry.reason)),
            ("review_pending", .bool(entry.reviewPending.value)),
            ("review_pending_at", .optional(entry.reviewPending.at?.iso8601)),
            ("review_pending_source", .optional(entry.reviewPending.source?.rawValue)),
        ] + userIDFields(entry.identifier)
            + [("identifiers", entry.linked.isEmpty ? .null : .string(entry.linked.map(\.text).joined(separator: " ")))]
    }

    /// `user_id` and `parent_user_id`: the identifier when it is a (parent) business-scoped user id.
    private static func userIDFields(_ identifier: Identifier) -> [(String, JSONValue)] {
        let user = identifier.userID
        return [
            ("user_id", .optional(user.flatMap { $0.isParent ? nil : $0.text })),
            ("parent_user_id", .optional(user.flatMap { $0.isParent ? $0.text : nil })),
        ]
    }

    // MARK: - Events

    /// Field names of an event, in output order (also the CSV header).
    public static var eventFields: [String] { storedEventFields.map(\.name) }

    /// Each event field and the `events` column it is read from; same names, order and text as
    /// `fields(of:)`.
    public static let storedEventFields: [StoredField] = [
        StoredField("event_id", EventColumn.id, .integer),
        StoredField.identifierFields(table: "events").number,
        StoredField("scope", EventColumn.scope, .text),
        StoredField("action", EventColumn.action, .text),
        StoredField("source", EventColumn.source, .text),
        StoredField("at", EventColumn.at, .timestamp),
        StoredField("recorded_at", EventColumn.recordedAt, .timestamp),
        StoredField("actor", EventColumn.actor, .text),
        StoredField("reason", EventColumn.reason, .text),
        StoredField("message_id", EventColumn.messageID, .text),
        StoredField("message_text", EventColumn.messageText, .text),
        StoredField("keyword", EventColumn.keyword, .text),
        StoredField("applied", EventColumn.applied, .boolean),
        StoredField("claimed_at", EventColumn.claimedAt, .timestamp),
        StoredField("os_user", EventColumn.osUser, .text),
        StoredField("layer", EventColumn.layer, .text),
        StoredField("rule", EventColumn.rule, .text),
        StoredField("proposed", EventColumn.proposed, .text),
        StoredField("target_event", EventColumn.targetEvent, .integer),
        StoredField.identifierFields(table: "events").userID,
        StoredField.identifierFields(table: "events").parentUserID,
    ]

    /// An event as ordered key–value pairs; matches `eventFields`.
    public static func fields(of event: Event) -> [(String, JSONValue)] {
        [
            ("event_id", .integer(event.id)),
            ("number", .optional(event.identifier.phone?.e164)),
            ("scope", .string(event.scope)),
            ("action", .string(event.action.rawValue)),
            ("source", .string(event.source.rawValue)),
            ("at", .string(event.at.iso8601)),
            ("recorded_at", .string(event.recordedAt.iso8601)),
            ("actor", .optional(event.actor)),
            ("reason", .optional(event.reason)),
            ("message_id", .optional(event.messageID)),
            ("message_text", .optional(event.messageText)),
            ("keyword", .optional(event.keyword)),
            ("applied", .bool(event.applied)),
            ("claimed_at", .optional(event.claimedAt?.iso8601)),
            ("os_user", .optional(event.osUser)),
            ("layer", .optional(event.layer?.rawValue)),
            ("rule", .optional(event.rule)),
            ("proposed", .optional(event.proposed?.rawValue)),
            ("target_event", .optional(event.targetEvent)),
        ] + userIDFields(event.identifier)
    }

    /// A field's text in CSV: strings as they are, booleans `true`/`false`, null as an empty field.
    public static func csvText(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number: value.serialized
        case .string(let text): text
        case .array, .object: value.serialized
        }
    }
}

// MARK: - Stored fields
