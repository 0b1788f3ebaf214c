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

    /// For `opt-in`: a number that had opted out, whose consent was not recorded.
    public struct Refused: Sendable {
        public var input: NumberInput
        public var number: PhoneNumber
        /// The opt-out on record.
        public var optOut: FactRecord<Consent?>
    }

    public var lines: [Line] = []
    public var refused: [Refused] = []
    public var invalid: [Invalid] = []
    /// True when the changes were committed (not a dry run, and no invalid input or refused number
    /// unless skipped).
    public var committed = false
}
