extension WriteTransaction {
    /// Adds a reply to the outbox, in the transaction that records the event deciding it, so a reply is
    /// queued exactly when its event is recorded.
    public func enqueueReply(scope: String, to: String, line: String?, text: String, messageID: String?, at: Timestamp)
        throws(OptOutError)
    {
        try execute(
            "INSERT INTO outbox (scope, recipient, line, text, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(scope), .text(to), .optional(line), .text(text), .optional(messageID), .integer(at.milliseconds)])
    }

    /// Marks outbox messages sent. Every id must be an unsent message of the outbox: otherwise nothing
    /// is marked (`badInput`), so a typo'd id is not taken for a sent reply.
    public func acknowledge(_ ids: [Int64], at: Timestamp) throws(OptOutError) {
        for id in ids {
            guard try scalarInt("SELECT 1 FROM outbox WHERE id = ? AND sent_at IS NULL", [.integer(id)]) != nil else {
                throw OptOutError(.badInput, "no unsent outbox message with id \(id); nothing acknowledged")
            }
        }
        for id in ids {
            try execute("UPDATE outbox SET sent_at = ? WHERE id = ?", [.integer(at.milliseconds), .integer(id)])
        }
    }
}

extension ReadTransaction {
    /// The replies not sent yet, oldest first, in `scope` or every scope.
    public func unsentReplies(scope: String?) throws(OptOutError) -> [OutboxMessage] {
        var messages: [OutboxMessage] = []
        var sql = "SELECT id, scope, recipient, line, text, message_id, created_at FROM outbox WHERE sent_at IS NULL"
        var values: [SQLValue] = []
        if let scope {
            sql += " AND scope = ?"
            values.append(.text(scope))
        }
        try forEachRow(sql + " ORDER BY id", values) { row in
            messages.append(OutboxMessage(
                id: row.int64(0), scope: row.text(1), to: row.text(2), line: row.optionalText(3), text: row.text(4),
                messageID: row.optionalText(5), createdAt: Timestamp(milliseconds: row.int64(6))))
        }
        return messages
    }
}
