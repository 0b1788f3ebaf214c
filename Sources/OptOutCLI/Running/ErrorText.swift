import OptOutCore

/// The command line's words for the core's errors and rejections: the core names no option, so the
/// reasons that a user fixes with an option are worded here, naming it.
enum ErrorText {
    /// The one line `optout: error: …` shows for `error`.
    static func message(_ error: OptOutError) -> String {
        switch error.reason {
        case .message(let text), .overLimit(let text):
            return text
        case .reversedRange(let since, let until):
            return "--until (\(until.iso8601)) is before --since (\(since.iso8601))"
        case .invalidExport(let problem):
            switch problem {
            case .statusesWithEvents: return "--status applies to entries; events have actions, not statuses"
            case .cursorWithEntries: return "--cursor needs --events: a cursor follows the event log"
            case .cursorWithRange:
                return "--cursor cannot be combined with --since or --until: the cursor decides the range"
            case .badCursorName: return "--cursor must be a name of 1 to 200 characters without control characters"
            }
        case .noDatabaseLocation:
            return "no database given: set --db, OPTOUT_DB or HOME"
        case .noPhoneColumn(let columns):
            return "no phone column found (use --column NAME or N); columns are: \(PhoneColumn.list(columns))"
        }
    }

    /// Why an input is not a phone number, with the option that would read it.
    static func rejection(_ rejection: PhoneRejection) -> String {
        if case .needsDefaultCountry = rejection { return "\(rejection) (--default-country)" }
        return rejection.description
    }

    /// The error for `text` that is neither a phone number nor a WhatsApp user id (65).
    static func notAnIdentifier(_ text: String, _ why: PhoneRejection) -> OptOutError {
        OptOutError(.badInput, "'\(NumberInput.shown(text))' is neither a phone number nor a WhatsApp user id: \(rejection(why))")
    }

    /// Why an inbound item was not recorded.
    static func problem(_ problem: IngestProblem) -> String {
        switch problem {
        case .invalidSender(let rejection): "sender is not a phone number: \(Self.rejection(rejection)); not recorded"
        default: problem.description
        }
    }

    /// A warning after `filter-campaign`'s summary.
    static func hint(_ hint: CampaignReport.Hint) -> String {
        switch hint {
        case .keptInvalid: "\(hint) (--keep-invalid)"
        case .nationalNumbers(_, _, .region(let region)): "\(hint): give --default-country \(region.code)"
        case .nationalNumbers: "\(hint): give --default-country"
        default: hint.description
        }
    }
}
