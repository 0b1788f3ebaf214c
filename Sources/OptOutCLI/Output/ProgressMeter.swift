import OptOutPlatform

/// Progress of a long run on standard error, only when it is a terminal: `optout: 120000 lines, 48000/s,
/// 0:21 left`, redrawn at most five times a second and cleared at the end, so that nothing of it reaches
/// a file, a pipe or a test.
final class ProgressMeter {
    private let stream: OutputStream
    private let unit: String
    private let started = ProgressMeter.seconds()
    private var lastDrawn = 0.0
    private var drawn = false

    /// A meter counting `unit` ("lines", "events"), or nil when `stream` is not a terminal.
    init?(_ stream: OutputStream, unit: String) {
        guard stream.isTerminal else { return nil }
        self.stream = stream
        self.unit = unit
    }

    /// `done` of `total` (nil: unknown), or `fraction` of the work when only that is known (bytes read).
    func update(_ done: Int, total: Int? = nil, fraction: Double? = nil) {
        let now = Self.seconds()
        guard now - lastDrawn >= 0.2 else { return }
        lastDrawn = now
        let elapsed = max(now - started, 0.001)
        var line = "\roptout: \(done) \(unit)"
        if let total { line += " of \(total)" }
        line += ", \(Int(Double(done) / elapsed))/s"
        let part = fraction ?? total.map { Double(done) / Double(max($0, 1)) }
        if let part, part > 0.01 {
            let left = Int(elapsed / part - elapsed)
            line += ", \(left / 60):\(left % 60 < 10 ? "0" : "")\(left % 60) left"
        }
        stream.write(line + "\u{1B}[K")
        stream.flush()
        drawn = true
    }

    /// Clears the line.
    func finish() {
        if drawn { stream.write("\r\u{1B}[K") }
    }

    private static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
