/// A reply waiting to be sent through Meta's API (`optout outbox`): WhatsApp Cloud API webhooks expect
/// no reply in the response, so the business's sender posts these and acknowledges them.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int64
    public var scope: String
    /// The recipient as the webhook gave it (a WhatsApp id, or a user id).
    public var to: String
    /// The business line the message came to (Meta `phone_number_id`), which sends the reply.
    public var line: String?
    public var text: String
    /// The inbound message the reply answers.
    public var messageID: String?
    public var createdAt: Timestamp
}
