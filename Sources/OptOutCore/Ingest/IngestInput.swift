/// Reads a whole webhook body from a file or standard input.
public enum IngestInput {
    /// The bytes of `path` (`-` for `standardInput`), at most `maxBytes`: reading stops just past it and
    /// the input is refused as over the limit, so a huge body never fills memory.
    public static func readAll(
        path: String, standardInput: Int32, maxBytes: Int = WebhookLimits.ceilingBytes
    ) throws(OptOutError) -> [UInt8] {
        let bytes: [UInt8]
        let name: String
        do {
            let source = try FileByteSource.input(path, standardInput: standardInput)
            name = source.name
            bytes = try source.readAll(limit: maxBytes)
        } catch {
            throw OptOutError(error)
        }
        if bytes.count > maxBytes {
            throw OptOutError(.badInput, .overLimit("\(name) is larger than \(maxBytes) bytes: refused, nothing recorded"))
        }
        return bytes
    }
}
