/// A phone number as typed, with where it came from, for messages that name the bad line.
public struct NumberInput: Sendable, Equatable {
    /// The text as given.
    public var text: String
    /// Where it came from: "argument 2", "line 14 of numbers.csv".
    public var origin: String

    public init(text: String, origin: String) {
        self.text = text
        self.origin = origin
    }

    /// The text as error messages show it: see `shown(_:)`.
    public var shown: String { Self.shown(text) }

    /// `text` made safe for a one-line message: control characters (line breaks, NUL, escapes)
    /// become `?`, and text longer than 40 characters is cut with `…` (a line of a file can be any
    /// length; the message names its line).
    public static func shown(_ text: String, limit: Int = 40) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result.append("…")
                break
            }
            let isControl = scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
                || scalar.value == 0x2028 || scalar.value == 0x2029
            result.unicodeScalars.append(isControl ? "?" : scalar)
            count += 1
        }
        return result
    }
}

/// A change a person makes by hand: block, record an opt-out received off-channel, or unblock.
public struct ManualChange: Sendable {
    /// What the change does.
    public enum Kind: Sendable {
        /// Block every category (`block`).
        case block
        /// Record a customer's opt-out received by phone, e-mail or in person (`block --opt-out`).
        case optOut
        /// Lift a staff block and a customer opt-out, never a WhatsApp marketing stop (`unblock`).
        case unblock

        var action: Action {
            switch self {
            case .block: .block
            case .optOut: .optOut
            case .unblock: .unblock
            }
        }
    }

    public var kind: Kind
    public var scope: String
    public var actor: String?
    public var reason: String?
    /// Report what would change and change nothing.
    public var dryRun: Bool
    /// Apply the valid numbers even when some are invalid.
    public var skipInvalid: Bool
    /// The event time (now, for people at a shell).
    public var at: Timestamp

    public init(
        kind: Kind, scope: String, actor: String?, reason: String?, dryRun: Bool = false,
        skipInvalid: Bool = false, at: Timestamp
    ) {
        self.kind = kind
        self.scope = scope
        self.actor = actor
        self.reason = reason
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
        self.at = at
    }
}

/// What a manual change did to each number.
public struct ManualChangeReport: Sendable {
    /// One valid input and what happened to it.
    public struct Line: Sendable {
        public var input: NumberInput
        public var number: PhoneNumber
        public var outcome: OptOutStore.Outcome
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

extension OptOutStore {
    /// Applies a manual change to every input in one transaction.
    ///
    /// When any input is invalid and `skipInvalid` is off, nothing changes and the report lists every
    /// invalid input; a dry run computes the same report and rolls back.
    public func apply(
        _ change: ManualChange, to inputs: [NumberInput], normalizer: PhoneNormalizer, recordedAt: Timestamp
    ) throws(OptOutError) -> ManualChangeReport {
        var report = ManualChangeReport()
        var valid: [(NumberInput, PhoneNumber)] = []
        for input in inputs {
            switch normalizer.normalize(input.text) {
            case .success(let number): valid.append((input, number))
            case .failure(let rejection): report.invalid.append(.init(input: input, rejection: rejection))
            }
        }
        if !report.invalid.isEmpty && !change.skipInvalid { return report }
        let committed = try mapErrors { () throws -> Bool in
            do {
                try database.writeTransaction {
                    for (input, number) in valid {
                        let event = NewEvent(
                            scope: change.scope, number: number, action: change.kind.action, source: .manual,
                            at: change.at, actor: change.actor, reason: change.reason)
                        let outcome = try record(event, recordedAt: recordedAt)
                        let lifted = change.kind == .unblock && outcome.changed
                            && outcome.before?.consent.value == .optedOut && outcome.after?.consent.value != .optedOut
                        report.lines.append(
                            .init(input: input, number: number, outcome: outcome, liftedOptOut: lifted ? outcome.before?.consent : nil))
                    }
                    if change.dryRun { throw DryRunRollback() }
                }
                return true
            } catch is DryRunRollback {
                return false
            }
        }
        report.committed = committed
        return report
    }
}

/// Thrown inside a transaction to roll back a dry run.
struct DryRunRollback: Error {}
