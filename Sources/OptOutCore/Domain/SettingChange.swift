/// One change of a setting, from the audit log of settings (`optout config history`).
public struct SettingChange: Sendable, Equatable {
    /// Position in the log; increases with every change and is never reused.
    public var id: Int64
    public var scope: String
    public var key: String
    /// The value stored in the scope before and after; nil where it was not set (a reset).
    public var oldValue: String?
    public var newValue: String?
    public var at: Timestamp
    public var actor: String?
    /// The operating-system user of the process that made the change.
    public var osUser: String?
}
