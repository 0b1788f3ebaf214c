/// Where an export writes: a sink, what makes it final (flush standard output, rename an `AtomicFile`
/// into place), and the file's name for the cursor's audit (nil for standard output).
public struct ExportOutput {
    public var sink: ByteSink
    public var commit: () throws(OptOutIOError) -> Void
    public var name: String?

    public init(sink: ByteSink, commit: @escaping () throws(OptOutIOError) -> Void, name: String? = nil) {
        self.sink = sink
        self.commit = commit
        self.name = name
    }
}
