/// Reads a Twilio inbound-message webhook body (`application/x-www-form-urlencoded`) into one item.
///
/// Fields read: `From` (required; `whatsapp:+15551234567` or a plain number), `MessageSid` (else
/// `SmsMessageSid`, `SmsSid`) as the message id, `Body` as the text, and `ButtonText`/`ButtonPayload`
/// for a quick-reply tap (either present and non-empty makes the item a button). Twilio's inbound
/// bodies carry no time, so the run's clock is used. A body with `MessageStatus` and no `Body` is a
/// status callback and is ignored. Other fields are ignored. A body that is not form-encoded (a pair
/// without `=`, a bad `%` escape, bytes that are not UTF-8) or has no `From` is a `badInput` error.
public enum TwilioWebhook {
    /// Parses a whole body; returns no item for a status callback.
    public static func parse(_ bytes: [UInt8]) throws(OptOutError) -> [InboundItem] {
        let fields = try FormDecoding.decode(bytes)
        func field(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
        guard let from = field("From"), !from.isEmpty else {
            throw OptOutError(.badInput, "not a Twilio webhook body: no 'From' field")
        }
        let id = [field("MessageSid"), field("SmsMessageSid"), field("SmsSid")].lazy
            .compactMap { $0 }.first { !$0.isEmpty }
        let body = field("Body")
        if body == nil, field("MessageStatus") != nil || field("SmsStatus").map({ $0 != "received" }) == true {
            return []
        }
        let title = field("ButtonText").flatMap { $0.isEmpty ? nil : $0 }
        let payload = field("ButtonPayload").flatMap { $0.isEmpty ? nil : $0 }
        let content: InboundItem.Content =
            title != nil || payload != nil ? .button(title: title, payload: payload) : .text(body ?? "")
        // A WhatsApp user known by a username arrives as `whatsapp:US.…`: a user id, not a number.
        let address = from.hasPrefix("whatsapp:") ? String(from.dropFirst("whatsapp:".count)) : from
        var item = UserID(address) != nil
            ? InboundItem(sender: nil, senderUserID: address, messageID: id, at: nil, content: content, origin: "Twilio body")
            : InboundItem(sender: from, messageID: id, at: nil, content: content, origin: "Twilio body")
        item.line = field("To").flatMap { $0.isEmpty ? nil : $0 }
        return [item]
    }
}

// MARK: - FormDecoding
