// MARK: - Vocabulary

/// What an event does to a number's facts (contract §2).
public enum Action: String, Sendable, CaseIterable {
    case optOut = "opt-out"
    case optIn = "opt-in"
    case block
    case unblock
    case marketingStop = "marketing-stop"
    case marketingResume = "marketing-resume"
    /// A message that may ask to stop, left for a human; changes nothing.
    case review
}

/// Where an event came from.
public enum Source: String, Sendable, CaseIterable {
    case keyword
    case button
    case whatsappPreference = "whatsapp-preference"
    case manual
    case `import`
}

/// The consent fact: none (nil), opted in or opted out.
public enum Consent: String, Sendable, CaseIterable {
    case optedIn = "opted-in"
    case optedOut = "opted-out"
}

/// The status shown to people: the most restrictive fact, in this order.
public enum Status: String, Sendable, CaseIterable, Comparable {
    case blocked
    case optedOut = "opted-out"
    case marketingStopped = "marketing-stopped"
    case optedIn = "opted-in"
    /// No suppression and no consent on record.
    case active

    private var rank: Int { Status.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
}

/// WhatsApp's template categories, plus `service` for replies inside a customer-initiated conversation.
public enum Category: String, Sendable, CaseIterable {
    case marketing
    case utility
    case authentication
    case service
}

/// Why a number may not receive a category.
public enum SuppressionReason: String, Sendable, CaseIterable {
    case blocked
    case optedOut = "opted-out"
    case marketingStopped = "marketing-stopped"
    case notOptedIn = "not-opted-in"
}

// MARK: - Facts

/// The three facts of one (scope, number), packed in a byte for in-memory suppression sets.
public struct Facts: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let blocked = Facts(rawValue: 1 << 0)
    public static let optedOut = Facts(rawValue: 1 << 1)
    public static let optedIn = Facts(rawValue: 1 << 2)
    public static let marketingStopped = Facts(rawValue: 1 << 3)

    /// The most restrictive status these facts give.
    public var status: Status {
        if contains(.blocked) { return .blocked }
        if contains(.optedOut) { return .optedOut }
        if contains(.marketingStopped) { return .marketingStopped }
        if contains(.optedIn) { return .optedIn }
        return .active
    }
}

/// The rules that decide who may receive what (contract §2).
public struct SendingPolicy: Sendable, Equatable {
    /// With `opt-out-applies-to=all`, an opt-out suppresses every category, not only marketing.
    public var optOutAppliesToAll: Bool
    /// Marketing also needs an explicit opt-in (`--require-opt-in`).
    public var requireOptIn: Bool

    public init(optOutAppliesToAll: Bool = false, requireOptIn: Bool = false) {
        self.optOutAppliesToAll = optOutAppliesToAll
        self.requireOptIn = requireOptIn
    }

    /// Why a number with these facts may not receive `category`, or nil when it may.
    @inline(__always)
    public func suppression(of facts: Facts, for category: Category) -> SuppressionReason? {
        if facts.contains(.blocked) { return .blocked }
        let marketing = category == .marketing
        if facts.contains(.optedOut) && (marketing || optOutAppliesToAll) { return .optedOut }
        guard marketing else { return nil }
        if facts.contains(.marketingStopped) { return .marketingStopped }
        if requireOptIn && !facts.contains(.optedIn) { return .notOptedIn }
        return nil
    }
}

// MARK: - Records

/// One fact's value with when and how it was last set.
public struct FactRecord<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var at: Timestamp?
    public var source: Source?

    public init(value: Value, at: Timestamp? = nil, source: Source? = nil) {
        self.value = value
        self.at = at
        self.source = source
    }
}

/// The current state of one (scope, number).
public struct Entry: Sendable, Equatable {
    public var scope: String
    /// The number as last recorded.
    public var number: PhoneNumber
    public var consent: FactRecord<Consent?>
    public var blocked: FactRecord<Bool>
    public var marketingStopped: FactRecord<Bool>
    /// Event time of the last change to any fact.
    public var changedAt: Timestamp
    /// Who made the last change, and why.
    public var actor: String?
    public var reason: String?

    public init(scope: String, number: PhoneNumber, changedAt: Timestamp) {
        self.scope = scope
        self.number = number
        self.consent = FactRecord(value: nil)
        self.blocked = FactRecord(value: false)
        self.marketingStopped = FactRecord(value: false)
        self.changedAt = changedAt
    }

    /// The facts as flags.
    public var facts: Facts {
        var facts: Facts = []
        if blocked.value { facts.insert(.blocked) }
        if consent.value == .optedOut { facts.insert(.optedOut) }
        if consent.value == .optedIn { facts.insert(.optedIn) }
        if marketingStopped.value { facts.insert(.marketingStopped) }
        return facts
    }

    /// The most restrictive status.
    public var status: Status { facts.status }

    /// The source of the fact that decides the status; nil when active.
    public var statusSource: Source? {
        switch status {
        case .blocked: blocked.source
        case .optedOut, .optedIn: consent.source
        case .marketingStopped: marketingStopped.source
        case .active: nil
        }
    }
}

/// An event to record.
public struct NewEvent: Sendable, Equatable {
    public var scope: String
    public var number: PhoneNumber
    public var action: Action
    public var source: Source
    /// When it happened (a webhook's timestamp, or now).
    public var at: Timestamp
    public var actor: String?
    public var reason: String?
    public var messageID: String?
    public var messageText: String?
    public var keyword: String?

    public init(
        scope: String, number: PhoneNumber, action: Action, source: Source, at: Timestamp,
        actor: String? = nil, reason: String? = nil, messageID: String? = nil, messageText: String? = nil,
        keyword: String? = nil
    ) {
        self.scope = scope
        self.number = number
        self.action = action
        self.source = source
        self.at = at
        self.actor = actor
        self.reason = reason
        self.messageID = messageID
        self.messageText = messageText
        self.keyword = keyword
    }
}

/// A recorded event from the append-only log.
public struct Event: Sendable, Equatable {
    /// Position in the log; increases with every recorded event.
    public var id: Int64
    public var scope: String
    public var number: PhoneNumber
    public var action: Action
    public var source: Source
    public var at: Timestamp
    public var recordedAt: Timestamp
    public var actor: String?
    public var reason: String?
    public var messageID: String?
    public var messageText: String?
    public var keyword: String?
    /// False when the event arrived after a newer change of the same fact and did not override it.
    public var applied: Bool
}
