/// Where an export writes: a sink, what makes it final (flush standard output, rename an `AtomicFile`
/// into place), and the file's name for the cursor's audit (nil for standard output).
public struct ExportOutput {
    public var sink: ByteSink
    public var commit: () throws(OptOutIOError) -> Void
    public var name: String?
    /// Told the records written so far, every 10,000, and how many there are when known (a cursor's
    /// batch): for a progress meter.
    public var progress: ((_ records: Int, _ total: Int?) -> Void)?

    public init(
        sink: ByteSink, commit: @escaping () throws(OptOutIOError) -> Void, name: String? = nil,
        progress: ((_ records: Int, _ total: Int?) -> Void)? = nil
    ) {
        self.sink = sink
        self.commit = commit
        self.name = name
        self.progress = progress
    }
}
