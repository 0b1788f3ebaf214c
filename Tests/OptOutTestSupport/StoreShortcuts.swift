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

    public func setting(_ definition: SettingDefinition) throws(OptOutError) -> String {
        try read { transaction in try transaction.setting(definition) }
    }

    public func storedSetting(_ key: String) throws(OptOutError) -> String? {
        try read { transaction in try transaction.storedSetting(key) }
    }

    @discardableResult
    public func setSetting(_ definition: SettingDefinition, to value: String) throws(OptOutError) -> String {
        try write { transaction in try transaction.setSetting(definition, to: value) }
    }

    public func resetSetting(_ definition: SettingDefinition) throws(OptOutError) {
        try write { transaction in try transaction.resetSetting(definition) }
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

    public func sendingPolicy(requireOptIn: Bool = false) throws(OptOutError) -> SendingPolicy {
        try read { transaction in try transaction.sendingPolicy(requireOptIn: requireOptIn) }
    }

    public func keywordMatcher() throws(OptOutError) -> KeywordMatcher {
        try read { transaction in try transaction.keywordMatcher() }
    }

    public func replyTexts() throws(OptOutError) -> ReplyTexts {
        try read { transaction in try transaction.replyTexts() }
    }
}
