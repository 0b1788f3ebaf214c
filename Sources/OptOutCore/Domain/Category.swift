/// WhatsApp's template categories, plus `service` for replies inside a customer-initiated conversation.
public enum Category: String, Sendable, CaseIterable {
    case marketing
    case utility
    case authentication
    case service
}
