/// What a manual change found: how many inputs were read, invalid or refused. Each invalid or refused
/// input, and what happened to each valid number, goes to one of `apply`'s callbacks as it is found, so
/// that nothing of a big file is held for the report.
public struct ManualChangeReport: Sendable {
    /// One valid input and what happened to it.
    public struct Line: Sendable {
        /// Where the input came among all the inputs, from 0 (a bulk change applies them in another
        /// order).
        public var position: Int
        public var identifier: Identifier
        public var outcome: RecordOutcome
        /// For `unblock`: the customer opt-out that was lifted with the block, if any.
        public var liftedOptOut: FactRecord<Consent?>?
    }

    /// An input that is not a phone number, or whose row time is not a time.
    public struct Invalid: Sendable {
        public var input: NumberInput
        public var problem: Problem

        public enum Problem: Sendable, Equatable {
            case number(PhoneRejection)
            /// The row's time (`--at-column`) is missing or not a time.
            case time(String)
        }
    }

    /// For `opt-in`: a number that had opted out, whose consent was not recorded.
    public struct Refused: Sendable {
        /// Where the input came from.
        public var place: NumberInput.Place
        public var identifier: Identifier
        /// The opt-out on record.
        public var optOut: FactRecord<Consent?>

        /// Where the input came from: "line 14 of numbers.csv".
        public var origin: String { place.origin }
    }

    /// How many inputs were read.
    public var inputs = 0
    /// How many numbers were refused (`opt-in` over an opt-out).
    public var refused = 0
    /// How many inputs were invalid, and how many of those for their row's time (the rest for their
    /// number).
    public var invalid = 0
    public var invalidTimes = 0
    /// True when the changes were committed (not a dry run, and no invalid input or refused number
    /// unless skipped).
    public var committed = false
}
