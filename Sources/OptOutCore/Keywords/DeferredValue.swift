import Synchronization

/// A value built the first time it is read, once, whichever thread reads it.
///
/// For the parts of a long-lived value that most uses never reach: `KeywordMatcher` builds its fuzzy
/// layer only when a message gets that far.
final class DeferredValue<Value: Sendable>: Sendable {
    private let build: @Sendable () -> Value
    private let built = Mutex<Value?>(nil)

    init(_ build: @escaping @Sendable () -> Value) {
        self.build = build
    }

    /// The value, built on this first read.
    var value: Value {
        built.withLock { built in
            if let value = built { return value }
            let value = build()
            built = value
            return value
        }
    }
}
