/// Reads a Meta WhatsApp Cloud API webhook body (the whole envelope) into inbound items.
///
/// Every `entry`, every `change` and every element is read, in order:
/// - `field` `messages`: each message becomes an item. `text` gives its body; `button` its text and
///   payload; `interactive` `button_reply`/`list_reply` their title and id (the id is the payload).
///   Every other type (`reaction`, `image`, `audio`, `video`, `document`, `sticker`, `location`,
///   `contacts`, `order`, `unsupported`, `system`, other `interactive` kinds…) is an `ignored` item; a
///   media caption is not read as a keyword.
/// - `statuses`: ignored, except a `failed` status carrying error 131050 ("user stopped marketing
///   messages"), which is a marketing stop for its `recipient_id` (contract §2).
/// - `errors` (a body with only errors), `contacts`, `metadata` and other fields are read and ignored.
/// - `field` `user_preferences`: each `marketing_messages` preference with value `stop` or `resume` is a
///   marketing preference item for its `wa_id`.
///
/// The sender is the message's `from` only: when it is missing (a user known only by a username and
/// business-scoped user id) the item has no sender and says what identifies it; the number is never
/// taken from elsewhere. A body that is not this format (not JSON, not an object with an `entry`
/// array, or a field of the wrong JSON type where one is read) is a `badInput` error.
public enum WhatsAppWebhook {
    /// WhatsApp's error code for "this user has stopped marketing messages from you".
    public static let marketingStoppedErrorCode: Int64 = 131050

    /// Parses a whole webhook body.
    public static func parse(_ bytes: [UInt8]) throws(OptOutError) -> [InboundItem] {
        let root: JSONValue
        do {
            root = try JSONParser().parse(bytes)
        } catch {
            throw OptOutError(.badInput, "not a WhatsApp webhook body: not valid JSON: \(error)")
        }
        return try parse(root)
    }

    /// Reads an already parsed webhook body.
    public static func parse(_ root: JSONValue) throws(OptOutError) -> [InboundItem] {
        guard case .object = root else { throw malformed("the body is not a JSON object") }
        if let object = root["object"] {
            guard case .string(let name) = object, name == "whatsapp_business_account" else {
                throw malformed("'object' is not \"whatsapp_business_account\"")
            }
        }
        guard let entries = root["entry"] else { throw malformed("no 'entry' array") }
        var items: [InboundItem] = []
        for (entryIndex, entry) in try array(entries, "entry").enumerated() {
            let entryName = "entry \(entryIndex + 1)"
            guard case .object = entry else { throw malformed("\(entryName) is not an object") }
            guard let changes = entry["changes"] else { continue }
            for (changeIndex, change) in try array(changes, "\(entryName) 'changes'").enumerated() {
                let changeName = "\(entryName), change \(changeIndex + 1)"
                guard case .object = change else { throw malformed("\(changeName) is not an object") }
                guard let value = change["value"] else { continue }
                guard case .object = value else { throw malformed("\(changeName) 'value' is not an object") }
                let first = items.count
                try read(value, name: changeName, into: &items)
                if case .string(let line)? = value["metadata"]?["phone_number_id"] {
                    for index in first..<items.count { items[index].line = line }
                }
            }
        }
        return items
    }

    // MARK: - Reading one change

    private static func read(_ value: JSONValue, name: String, into items: inout [InboundItem]) throws(OptOutError) {
        // `contacts` name each sender: a contact with both a `wa_id` and a `user_id` gives the user id of
        // the messages from that `wa_id`.
        var userIDs: [String: String] = [:]
        if let contacts = value["contacts"], case .array(let list) = contacts {
            for contact in list {
                if case .string(let waID)? = contact["wa_id"], case .string(let userID)? = contact["user_id"] {
                    userIDs[waID] = userID
                }
            }
        }
        if let messages = value["messages"] {
            for (index, message) in try array(messages, "\(name) 'messages'").enumerated() {
                var item = try self.message(message, origin: "\(name), message \(index + 1)")
                if item.senderUserID == nil, let sender = item.sender { item.senderUserID = userIDs[sender] }
                items.append(item)
            }
        }
        if let statuses = value["statuses"] {
            for (index, status) in try array(statuses, "\(name) 'statuses'").enumerated() {
                if let item = try self.status(status, origin: "\(name), status \(index + 1)") { items.append(item) }
            }
        }
        if let preferences = value["user_preferences"] {
            for (index, preference) in try array(preferences, "\(name) 'user_preferences'").enumerated() {
                if let item = try self.preference(preference, origin: "\(name), preference \(index + 1)") {
                    items.append(item)
                }
            }
        }
        if let errors = value["errors"] { _ = try array(errors, "\(name) 'errors'") }
    }

    private static func message(_ message: JSONValue, origin: String) throws(OptOutError) -> InboundItem {
        guard case .object = message else { throw malformed("\(origin) is not an object") }
        let sender = try string(message["from"], "\(origin) 'from'")
        let userID = try string(message["from_user_id"], "\(origin) 'from_user_id'")
        let id = try string(message["id"], "\(origin) 'id'")
        let at = try timestamp(message["timestamp"], "\(origin) 'timestamp'")
        let type = try string(message["type"], "\(origin) 'type'") ?? "unknown"
        var description: String?
        if sender == nil && userID == nil { description = "no 'from' or 'from_user_id'" }
        let content: InboundItem.Content
        switch type {
        case "text":
            guard let text = message["text"], case .object = text else { throw malformed("\(origin) has no 'text' object") }
            guard let body = try string(text["body"], "\(origin) 'text.body'") else {
                throw malformed("\(origin) has no 'text.body'")
            }
            content = .text(body)
        case "button":
            guard let button = message["button"], case .object = button else {
                throw malformed("\(origin) has no 'button' object")
            }
            content = .button(
                title: try string(button["text"], "\(origin) 'button.text'"),
                payload: try string(button["payload"], "\(origin) 'button.payload'"))
        case "interactive":
            guard let interactive = message["interactive"], case .object = interactive else {
                throw malformed("\(origin) has no 'interactive' object")
            }
            let kind = try string(interactive["type"], "\(origin) 'interactive.type'") ?? ""
            if kind == "button_reply" || kind == "list_reply" {
                guard let reply = interactive[kind], case .object = reply else {
                    throw malformed("\(origin) has no 'interactive.\(kind)' object")
                }
                content = .button(
                    title: try string(reply["title"], "\(origin) 'interactive.\(kind).title'"),
                    payload: try string(reply["id"], "\(origin) 'interactive.\(kind).id'"))
            } else {
                content = .ignored(kind: "interactive \(kind.isEmpty ? "unknown" : kind)")
            }
        case "system":
            let system = message["system"]
            let kind = try string(system?["type"], "\(origin) 'system.type'") ?? ""
            if kind == "user_changed_number" || kind == "user_changed_user_id" {
                var newNumber = try string(system?["new_wa_id"], "\(origin) 'system.new_wa_id'")
                var newUserID = try string(system?["new_user_id"], "\(origin) 'system.new_user_id'")
                if kind == "user_changed_number", newNumber == nil {
                    newNumber = try string(system?["wa_id"], "\(origin) 'system.wa_id'")
                }
                if kind == "user_changed_user_id", newUserID == nil {
                    newUserID = try string(system?["user_id"], "\(origin) 'system.user_id'")
                }
                content = .identifierChange(kind: kind, newNumber: newNumber, newUserID: newUserID)
            } else {
                content = .ignored(kind: "system \(kind.isEmpty ? "unknown" : kind)")
            }
        default:
            content = .ignored(kind: type)
        }
        return InboundItem(
            sender: sender, senderForm: .whatsAppID, senderUserID: userID, senderDescription: description, messageID: id,
            at: at, content: content, origin: origin)
    }

    private static func status(_ status: JSONValue, origin: String) throws(OptOutError) -> InboundItem? {
        guard case .object = status else { throw malformed("\(origin) is not an object") }
        guard try string(status["status"], "\(origin) 'status'") == "failed", let errors = status["errors"] else {
            return nil
        }
        var stopped = false
        for error in try array(errors, "\(origin) 'errors'") {
            if case .integer(let code)? = error["code"], code == marketingStoppedErrorCode { stopped = true }
        }
        guard stopped else { return nil }
        let recipient = try string(status["recipient_id"], "\(origin) 'recipient_id'")
        return InboundItem(
            sender: recipient, senderForm: .whatsAppID,
            senderDescription: recipient == nil ? "failed status without 'recipient_id'" : nil, messageID: nil,
            at: try timestamp(status["timestamp"], "\(origin) 'timestamp'"),
            content: .marketingPreference(stop: true, detail: "WhatsApp error 131050 on a sent message"),
            origin: origin)
    }

    private static func preference(_ preference: JSONValue, origin: String) throws(OptOutError) -> InboundItem? {
        guard case .object = preference else { throw malformed("\(origin) is not an object") }
        let category = try string(preference["category"], "\(origin) 'category'")
        guard category == nil || category == "marketing_messages" else { return nil }
        let stop: Bool
        switch try string(preference["value"], "\(origin) 'value'") {
        case "stop": stop = true
        case "resume": stop = false
        default: return nil
        }
        let sender = try string(preference["wa_id"], "\(origin) 'wa_id'")
        let userID = try string(preference["user_id"], "\(origin) 'user_id'")
        return InboundItem(
            sender: sender, senderForm: .whatsAppID, senderUserID: userID,
            senderDescription: sender == nil && userID == nil ? "no 'wa_id' or 'user_id'" : nil, messageID: nil,
            at: try timestamp(preference["timestamp"], "\(origin) 'timestamp'"),
            content: .marketingPreference(stop: stop, detail: "WhatsApp user_preferences \(stop ? "stop" : "resume")"),
            origin: origin)
    }

    // MARK: - Field readers

    private static func malformed(_ what: String) -> OptOutError {
        OptOutError(.badInput, "not a WhatsApp webhook body: \(what)")
    }

    private static func array(_ value: JSONValue, _ name: String) throws(OptOutError) -> [JSONValue] {
        guard case .array(let values) = value else { throw malformed("\(name) is not an array") }
        return values
    }

    /// A string field; nil when absent or null; an error when of another type.
    private static func string(_ value: JSONValue?, _ name: String) throws(OptOutError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw malformed("\(name) is not a string")
        }
    }

    /// Unix seconds as a string or a number; nil when absent.
    static func timestamp(_ value: JSONValue?, _ name: String) throws(OptOutError) -> Timestamp? {
        switch value {
        case nil, .null?: return nil
        case .integer(let seconds)? where seconds > -100_000_000_000 && seconds < 100_000_000_000: return Timestamp(seconds: seconds)
        case .string(let text)?:
            if let parsed = Timestamp(parsing: text) { return parsed }
        default: break
        }
        throw malformed("\(name) is not a time (Unix seconds)")
    }
}
