/// Where a rewound cursor stands: after an event id, or before the first event recorded at or after a time.
public enum CursorTarget: Sendable, Equatable {
    case after(eventID: Int64)
    case recordedFrom(Timestamp)
}
