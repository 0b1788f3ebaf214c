import OptOutCore

/// One-call reads and writes for tests, each in its own transaction through the store's public API,
/// so that an assertion about the database reads as one line.
extension OptOutStore {
    public func entry(scope: String, matchKey: UInt64) throws(OptOutError) -> Entry? {
        try read { transaction in try transaction.entry(scope: scope, matchKey: matchKey) }
    }

    public func status(scope: String, matchKey: UInt64) throws(OptOutError) -> Status {
        try read { transaction in try transaction.status(scope: scope, matchKey: matchKey) }
    }

    public func entries(matchKey: UInt64) throws(OptOutError) -> [Entry] {
        try read { transaction in try transaction.entries(matchKey: matchKey) }
    }

    public func events(scope: String?, matchKey: UInt64) throws(OptOutError) -> [Event] {
        try read { transaction in try transaction.events(scope: scope, matchKey: matchKey) }
    }

    /// Every entry matching `query`, in its order.
    public func entries(_ query: EntryQuery) throws(OptOutError) -> [Entry] {
        try read { transaction in
            var result: [Entry] = []
            try transaction.forEachEntry(query) { result.append($0) }
            return result
        }
    }

    public func countEntries(_ query: EntryQuery) throws(OptOutError) -> Int {
        try read { transaction in try transaction.countEntries(query) }
    }

    public func setting(_ definition: SettingDefinition, scope: String = "default") throws(OptOutError) -> String {
        try read { transaction in try transaction.setting(definition, scope: scope) }
    }

    public func storedSetting(_ key: String, scope: String = "default") throws(OptOutError) -> String? {
        try read { transaction in try transaction.storedSetting(key, scope: scope) }
    }

    @discardableResult
    public func setSetting(
        _ definition: SettingDefinition, to value: String, scope: String = "default", actor: String? = "tester",
        at: Timestamp = Timestamp(seconds: 1_000)
    ) throws(OptOutError) -> String {
        try write { transaction in try transaction.setSetting(definition, to: value, scope: scope, actor: actor, at: at) }
    }

    public func resetSetting(
        _ definition: SettingDefinition, scope: String = "default", actor: String? = "tester", at: Timestamp = Timestamp(seconds: 1_000)
    ) throws(OptOutError) {
        try write { transaction in try transaction.resetSetting(definition, scope: scope, actor: actor, at: at) }
    }

    /// Records one event in its own write transaction.
    @discardableResult
    public func record(_ event: NewEvent, recordedAt: Timestamp) throws(OptOutError) -> RecordOutcome {
        try write { transaction in try transaction.record(event, recordedAt: recordedAt) }
    }

    /// Records events in one write transaction.
    public func record(_ events: [NewEvent], recordedAt: Timestamp) throws(OptOutError) -> [RecordOutcome] {
        try write { transaction in
            var outcomes: [RecordOutcome] = []
            for event in events { outcomes.append(try transaction.record(event, recordedAt: recordedAt)) }
            return outcomes
        }
    }

    public func sendingPolicy(scope: String = "default", requireOptIn: Bool = false) throws(OptOutError) -> SendingPolicy {
        try read { transaction in try transaction.sendingPolicy(scope: scope, requireOptIn: requireOptIn) }
    }

    public func keywordMatcher(scope: String = "default") throws(OptOutError) -> KeywordMatcher {
        try read { transaction in try transaction.keywordMatcher(scope: scope) }
    }

    public func replyTexts(scope: String = "default") throws(OptOutError) -> ReplyTexts {
        try read { transaction in try transaction.replyTexts(scope: scope) }
    }
}
