/// The facts of one (scope, number), packed in a byte for in-memory suppression sets.
public struct Facts: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let blocked = Facts(rawValue: 1 << 0)
    public static let optedOut = Facts(rawValue: 1 << 1)
    public static let optedIn = Facts(rawValue: 1 << 2)
    public static let marketingStopped = Facts(rawValue: 1 << 3)
    /// A message that may ask to stop waits for a person's decision (`optout review`).
    public static let reviewPending = Facts(rawValue: 1 << 4)

    /// The most restrictive status these facts give.
    public var status: Status {
        if contains(.blocked) { return .blocked }
        if contains(.optedOut) { return .optedOut }
        if contains(.marketingStopped) { return .marketingStopped }
        if contains(.reviewPending) { return .reviewPending }
        if contains(.optedIn) { return .optedIn }
        return .active
    }
}
