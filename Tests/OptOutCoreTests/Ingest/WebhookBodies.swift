import OptOutTestSupport

/// Webhook bodies written from Meta's WhatsApp Cloud API webhook reference (messages, reactions,
/// media, unsupported, system, errors, statuses, user preferences, username-only senders).
enum WebhookBodies {
    /// Two entries, several changes: STOP then START from +15551230001, a reaction, an image, an
    /// unsupported message, a system number change without contacts, an errors-only change, a message
    /// from a username-only user (no `from`), and a failed status with error 131050.
    static let batch = #"""
    {
      "object": "whatsapp_business_account",
      "entry": [
        {
          "id": "102938475610293",
          "changes": [
            {
              "field": "messages",
              "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15557654321", "phone_number_id": "109876543210987"},
                "contacts": [{"profile": {"name": "Ana"}, "wa_id": "15551230001"},
                             {"profile": {"name": "Ben"}, "wa_id": "15551230002"}],
                "messages": [
                  {"from": "15551230001", "id": "wamid.STOP1", "timestamp": "1767261600", "type": "text",
                   "text": {"body": "STOP"}},
                  {"from": "15551230001", "id": "wamid.REACT1", "timestamp": "1767261610", "type": "reaction",
                   "reaction": {"message_id": "wamid.OUT1", "emoji": "\ud83d\udc4d"}},
                  {"from": "15551230002", "id": "wamid.IMG1", "timestamp": "1767261620", "type": "image",
                   "image": {"caption": "STOP", "mime_type": "image/jpeg", "sha256": "abc", "id": "1234"}}
                ]
              }
            },
            {
              "field": "messages",
              "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15557654321", "phone_number_id": "109876543210987"},
                "contacts": [{"profile": {"name": "Ana"}, "wa_id": "15551230001"}],
                "messages": [
                  {"from": "15551230001", "id": "wamid.START1", "timestamp": 1767261700, "type": "text",
                   "text": {"body": "Start"}},
                  {"from": "15551230001", "id": "wamid.UNSUP1", "timestamp": "1767261710", "type": "unsupported",
                   "errors": [{"code": 131051, "title": "Message type unknown", "message": "Message type unknown",
                               "error_data": {"details": "Message type is currently not supported."}}],
                   "unsupported": {"type": "edit"}}
                ]
              }
            }
          ]
        },
        {
          "id": "102938475610294",
          "changes": [
            {
              "field": "messages",
              "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15557654321", "phone_number_id": "109876543210987"},
                "messages": [
                  {"from": "15551230003", "id": "wamid.SYS1", "timestamp": "1767261800", "type": "system",
                   "system": {"body": "User A changed from 15551230003 to 15551230004", "wa_id": "15551230004",
                              "type": "user_changed_number"}}
                ]
              }
            },
            {
              "field": "messages",
              "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15557654321", "phone_number_id": "109876543210987"},
                "errors": [{"code": 131000, "title": "Something went wrong", "message": "Something went wrong",
                            "error_data": {"details": "Unknown error"}}]
              }
            },
            {
              "field": "messages",
              "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15557654321", "phone_number_id": "109876543210987"},
                "contacts": [{"profile": {"name": "Cleo", "username": "@cleo"}, "user_id": "US.13491208655302741918"}],
                "messages": [
                  {"from_user_id": "US.13491208655302741918", "id": "wamid.USER1", "timestamp": "1767261900",
                   "type": "text", "text": {"body": "stop"}}
                ]
              }
            },
            {
              "field": "messages",
              "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15557654321", "phone_number_id": "109876543210987"},
                "statuses": [
                  {"id": "wamid.OUT2", "status": "failed", "timestamp": "1767262000", "recipient_id": "15551230005",
                   "errors": [{"code": 131050, "title": "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business",
                               "message": "Unable to deliver", "error_data": {"details": "stopped marketing"}}]},
                  {"id": "wamid.OUT3", "status": "delivered", "timestamp": "1767262001", "recipient_id": "15551230006"}
                ]
              }
            }
          ]
        }
      ]
    }
    """#

    /// A `text` message body for one sender, id and time.
    static func text(_ body: String, from: String = "15551234567", id: String, at: Int) -> String {
        #"""
        {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
        "messaging_product":"whatsapp","metadata":{"display_phone_number":"15557654321","phone_number_id":"1"},
        "contacts":[{"profile":{"name":"X"},"wa_id":"\#(from)"}],
        "messages":[{"from":"\#(from)","id":"\#(id)","timestamp":"\#(at)","type":"text","text":{"body":"\#(body)"}}]}}]}]}
        """#
    }

    /// A `list_reply` interactive message.
    static let listReply = #"""
    {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
    "messaging_product":"whatsapp","metadata":{"display_phone_number":"15557654321","phone_number_id":"1"},
    "messages":[{"from":"447700900123","id":"wamid.LIST1","timestamp":"1767262140","type":"interactive",
    "interactive":{"type":"list_reply","list_reply":{"id":"pref_none","title":"Stop promotions","description":"No more offers"}}}]}}]}]}
    """#

    /// A `user_preferences` resume.
    static let preferenceResume = #"""
    {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"user_preferences","value":{
    "messaging_product":"whatsapp","metadata":{"display_phone_number":"15557654321","phone_number_id":"1"},
    "contacts":[{"profile":{"name":"M"},"wa_id":"5215512345678"}],
    "user_preferences":[{"wa_id":"5215512345678","detail":"User requested to resume marketing messages",
    "category":"marketing_messages","value":"resume","timestamp":1767268200}]}}]}]}
    """#
}

