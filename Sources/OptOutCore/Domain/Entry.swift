/// The current state of one (scope, subject).
public struct Entry: Sendable, Equatable {
    public var scope: String
    /// The identifier as last recorded: a number, or a BSUID.
    public var identifier: Identifier
    public var consent: FactRecord<Consent?>
    public var blocked: FactRecord<Bool>
    public var marketingStopped: FactRecord<Bool>
    /// A message that may ask to stop, waiting for a decision (`optout review`).
    public var reviewPending: FactRecord<Bool>
    /// Event time of the last change to any fact.
    public var changedAt: Timestamp
    /// Every identifier of the subject, this one included, in text order, when it is linked to others;
    /// empty otherwise. Read for listing (`ReadTransaction.forEachEntry`), not stored in the entry.
    public var linked: [Identifier] = []
    /// Who made the last change, and why.
    public var actor: String?
    public var reason: String?

    public init(scope: String, identifier: Identifier, changedAt: Timestamp) {
        self.scope = scope
        self.identifier = identifier
        self.consent = FactRecord(value: nil)
        self.blocked = FactRecord(value: false)
        self.marketingStopped = FactRecord(value: false)
        self.reviewPending = FactRecord(value: false)
        self.changedAt = changedAt
    }

    /// An entry for a number.
    public init(scope: String, number: PhoneNumber, changedAt: Timestamp) {
        self.init(scope: scope, identifier: .phone(number), changedAt: changedAt)
    }

    /// The facts as flags.
    public var facts: Facts {
        var facts: Facts = []
        if blocked.value { facts.insert(.blocked) }
        if consent.value == .optedOut { facts.insert(.optedOut) }
        if consent.value == .optedIn { facts.insert(.optedIn) }
        if marketingStopped.value { facts.insert(.marketingStopped) }
        if reviewPending.value { facts.insert(.reviewPending) }
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
        case .reviewPending: reviewPending.source
        case .active: nil
        }
    }
}
