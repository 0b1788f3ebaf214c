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
