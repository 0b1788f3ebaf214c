import OptOutCore

/// Writes ingest results: one line per item for people, a JSON array, or JSON Lines.
final class ResultPrinter {
    let invocation: Invocation
    let json: Bool
    let explain: Bool
    var jsonLines = false
    /// The JSON objects: for JSON Lines, the line being written; for a JSON array, every object so far,
    /// written at the end (a run that fails half-way leaves no half array).
    private var objects = JSONObjectWriter()
    private var objectCount = 0

    init(invocation: Invocation, json: Bool, explain: Bool) {
        self.invocation = invocation
        self.json = json
        self.explain = explain
    }

    func print(_ results: [IngestResult]) {
        let output = invocation.output
        for result in results {
            let id = result.messageID.map { " (id \($0))" } ?? ""
            if let problem = result.problem {
                invocation.context.warn("\(result.origin)\(id): \(ErrorText.problem(problem))")
            }
            if let claimed = result.distrustedTime {
                invocation.context.warn(
                    "\(result.origin)\(id): its time \(claimed.iso8601) is more than 5 minutes ahead of this clock; "
                        + "recorded at the time it was received")
            }
            if json {
                if jsonLines {
                    objects.bytes.removeAll(keepingCapacity: true)
                    result.writeJSON(explain: explain, to: &objects)
                    objects.bytes.append(0x0A)
                    objects.bytes.withUnsafeBytes { output.write($0) }
                } else {
                    objects.bytes.append(objectCount == 0 ? UInt8(ascii: "[") : UInt8(ascii: ","))
                    result.writeJSON(explain: explain, to: &objects)
                    objectCount += 1
                }
                continue
            }
            var line = result.number?.e164 ?? result.userID?.text ?? "(no number)"
            line += "  \(result.verdict.rawValue)"
            line += "  " + (result.keyword.map { "\"\($0)\"" } ?? "-")
            line += "  \(result.action.rawValue)"
            if let status = result.statusAfter { line += "  status: \(status.rawValue)" }
            if let reply = result.reply { line += "  reply: \(reply)" }
            output.write(TerminalText.escaped(line) + "\n")
            if explain {
                output.write(TerminalText.escaped("  input: \(result.origin)\(result.messageID.map { " id \($0)" } ?? "")") + "\n")
                output.write("  normalised: \(JSONValue.quoted(result.normalizedText))\n")
                if let layer = result.layer {
                    output.write("  layer: \(layer.rawValue)" + (result.proposed.map { ", proposing \($0.rawValue)" } ?? "") + "\n")
                }
                output.write(TerminalText.escaped("  rule: \(result.rule)") + "\n")
            }
        }
    }

    /// Writes the JSON array, when collecting one.
    func finish() {
        guard json && !jsonLines else { return }
        if objectCount == 0 { objects.bytes.append(UInt8(ascii: "[")) }
        objects.bytes.append(contentsOf: [UInt8(ascii: "]"), 0x0A])
        objects.bytes.withUnsafeBytes { invocation.output.write($0) }
    }
}
