/// Erasure and data minimisation (contract §5): the texts go, the suppressions stay.
///
/// Both run with `PRAGMA secure_delete` on, so the erased text is overwritten in the pages it leaves,
/// and end with a truncating checkpoint, so the write-ahead log does not keep the old pages either
/// (https://www.sqlite.org/pragma.html#pragma_secure_delete, https://www.sqlite.org/wal.html#ckpt).
extension OptOutStore {
    /// `WriteTransaction.forget` in its own transaction, then the old pages are overwritten and checkpointed.
    public func forget(_ identifier: Identifier, reason: String, actor: String?, at time: Timestamp) throws(OptOutError) -> Int {
        try erasing { () throws(OptOutError) -> Int in try write { transaction in try transaction.forget(identifier, reason: reason, actor: actor, at: time) } }
    }

    /// `WriteTransaction.redactMessageTexts` in its own transaction, likewise.
    public func redactMessageTexts(before cutoff: Timestamp, actor: String?, at time: Timestamp) throws(OptOutError) -> Int {
        try erasing { () throws(OptOutError) -> Int in try write { transaction in try transaction.redactMessageTexts(before: cutoff, actor: actor, at: time) } }
    }

    private func erasing(_ body: () throws(OptOutError) -> Int) throws(OptOutError) -> Int {
        try sql { try database.executeScript("PRAGMA secure_delete = ON") }
        defer { try? sql { try database.executeScript("PRAGMA secure_delete = OFF") } }
        let count = try body()
        try sql { try database.executeScript("PRAGMA wal_checkpoint(TRUNCATE)") }
        return count
    }
}
