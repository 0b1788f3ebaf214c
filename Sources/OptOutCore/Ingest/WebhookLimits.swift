/// How large a webhook body may be (contract §4): a body over either limit is refused whole, before
/// anything in it is recorded. Settings `webhook.max-bytes` (default 1 MiB) and `webhook.max-messages`
/// (default 1,000), per scope.
public struct WebhookLimits: Sendable, Equatable {
    public var maxBytes: Int
    public var maxItems: Int

    public init(maxBytes: Int = WebhookLimits.defaultMaxBytes, maxItems: Int = WebhookLimits.defaultMaxItems) {
        self.maxBytes = maxBytes
        self.maxItems = maxItems
    }

    public static let defaultMaxBytes = 1 << 20
    public static let defaultMaxItems = 1000
    /// The most any body may be, whatever `webhook.max-bytes` says: what is read into memory at most.
    public static let ceilingBytes = 16 << 20

    /// Refuses a body of `bytes` bytes holding `items` messages and other items over the limits (65).
    private func check(bytes: Int, items: Int) throws(OptOutError) {
        if bytes > maxBytes {
            throw OptOutError(.badInput, .overLimit("the body is \(bytes) bytes, over the limit of \(maxBytes) (setting webhook.max-bytes): refused, nothing recorded"))
        }
        if items > maxItems {
            throw OptOutError(.badInput, .overLimit("the body holds \(items) items, over the limit of \(maxItems) (setting webhook.max-messages): refused, nothing recorded"))
        }
    }

    /// The items of `body` as `parse` reads them, within the limits: the size is checked before the
    /// body is parsed, the number of items after, so an oversized body is refused unread (65).
    public func items(of body: [UInt8], parse: ([UInt8]) throws(OptOutError) -> [InboundItem]) throws(OptOutError) -> [InboundItem] {
        try check(bytes: body.count, items: 0)
        let items = try parse(body)
        try check(bytes: body.count, items: items.count)
        return items
    }

    static let maxBytesSetting = count(
        key: "webhook.max-bytes", defaultValue: defaultMaxBytes, most: ceilingBytes, summary: "the largest webhook body accepted, in bytes")
    static let maxItemsSetting = count(
        key: "webhook.max-messages", defaultValue: defaultMaxItems, most: 1 << 30,
        summary: "the most messages and other items one webhook body may hold")

    private static func count(key: String, defaultValue: Int, most: Int, summary: String) -> SettingDefinition {
        SettingDefinition(key: key, defaultValue: String(defaultValue), summary: summary) { value throws(OptOutError) in
            guard let number = Int(value), number >= 1, number <= most else {
                throw OptOutError(.usage, "\(key) must be a whole number from 1 to \(most), not '\(value)'")
            }
            return String(number)
        }
    }
}

extension ReadTransaction {
    /// The webhook limits the settings of `scope` give.
    public func webhookLimits(scope: String) throws(OptOutError) -> WebhookLimits {
        WebhookLimits(
            maxBytes: Int(try setting(WebhookLimits.maxBytesSetting, scope: scope)) ?? WebhookLimits.defaultMaxBytes,
            maxItems: Int(try setting(WebhookLimits.maxItemsSetting, scope: scope)) ?? WebhookLimits.defaultMaxItems)
    }
}
