/// One thing a webhook body or replay line says a customer did: a message, a button tap, a WhatsApp
/// marketing preference, or a message of a kind that is read and ignored.
///
/// Parsers (`WhatsAppWebhook`, `TwilioWebhook`, `JSONLinesReplay`) produce these; `MessageIngester`
/// records them. The sender is kept as written; the ingester normalises it.
public struct InboundItem: Sendable, Equatable {
    /// What the item carries.
    public enum Content: Sendable, Equatable {
        /// A typed message's text.
        case text(String)
        /// A button tap: its title and payload (WhatsApp `button`, `interactive` button/list replies,
        /// Twilio `ButtonText`/`ButtonPayload`).
        case button(title: String?, payload: String?)
        /// A WhatsApp marketing preference: `stop` true for stop, false for resume. `detail` says where
        /// it came from (`user_preferences`, or a failed status with error 131050).
        case marketingPreference(stop: Bool, detail: String)
        /// A message of a kind that is read and ignored (`reaction`, `image`, `unsupported`, `system`…).
        case ignored(kind: String)
        /// A WhatsApp system message saying the sender now has another number (`user_changed_number`)
        /// or user id (`user_changed_user_id`): the new identifier, as written, is linked to the sender.
        case identifierChange(kind: String, newNumber: String?, newUserID: String?)
    }

    /// How the sender text is to be read.
    public enum SenderForm: Sendable, Equatable {
        /// A WhatsApp id: an international number without the `+` (Meta bodies).
        case whatsAppID
        /// As given, with the run's default country (`--from`, Twilio, JSON Lines).
        case asGiven
    }

    /// The sender's phone number as written, nil when the body gives none.
    public var sender: String?
    /// How to read `sender`.
    public var senderForm: SenderForm
    /// The sender's WhatsApp business-scoped user id (BSUID) as written, nil when the body gives none.
    /// With `sender` too, the two are linked as one person.
    public var senderUserID: String?
    /// When there is no identifier, what the body says instead, for the report.
    public var senderDescription: String?
    /// The business line the item came to: Meta's `metadata.phone_number_id`, Twilio's `To`; nil when
    /// the input does not say.
    public var line: String? = nil
    /// The inbound message id (WhatsApp `wamid…`, Twilio `MessageSid`), nil when there is none.
    public var messageID: String?
    /// When the customer acted, nil when the body does not say (then the run's clock is used).
    public var at: Timestamp?
    public var content: Content
    /// Where in the input the item was found, for messages: `entry 1, change 2, message 1`, `line 7`.
    public var origin: String

    /// Creates an item.
    public init(
        sender: String?, senderForm: SenderForm = .asGiven, senderUserID: String? = nil, senderDescription: String? = nil,
        messageID: String?, at: Timestamp?, content: Content, origin: String
    ) {
        self.sender = sender
        self.senderUserID = senderUserID
        self.senderForm = senderForm
        self.senderDescription = senderDescription
        self.messageID = messageID
        self.at = at
        self.content = content
        self.origin = origin
    }
}
