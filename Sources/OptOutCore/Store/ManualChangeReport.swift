/// What a manual change did to each number.
public struct ManualChangeReport: Sendable {
    /// One valid input and what happened to it.
    public struct Line: Sendable {
        public var input: NumberInput
        public var number: PhoneNumber
        public var outcome: RecordOutcome
        /// For `unblock`: the customer opt-out that was lifted with the block, if any.
        public var liftedOptOut: FactRecord<Consent?>?
    }

    /// An input that is not a phone number.
    public struct Invalid: Sendable {
        public var input: NumberInput
        public var rejection: PhoneRejection
    }

    public var lines: [Line] = []
    public var invalid: [Invalid] = []
    /// True when the changes were committed (not a dry run, and no invalid input unless skipped).
    public var committed = false
}
