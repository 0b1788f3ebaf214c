import Synchronization

/// SQL text that a connection prepares once and then finds again by a slot number, without hashing
/// the text: for the statements run once per row of a bulk run (the entry read, its upsert, the event
/// append). Declare each as a `static let`, so that its slot is taken once per process.
public struct SQLQuery: Sendable {
    public let text: String
    /// This query's index in every connection's slot array.
    let slot: Int

    public init(_ text: String) {
        self.text = text
        slot = SQLQuery.slots.add(1, ordering: .relaxed).oldValue
    }

    private static let slots = Atomic<Int>(0)
}
