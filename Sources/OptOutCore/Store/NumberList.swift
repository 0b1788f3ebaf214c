#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `--file` for `block`, `unblock` and `normalize`: one number a line, or a CSV with a phone column.
public enum NumberList {
    /// The numbers in the file at `path` (`-` for standard input), each with its line for messages.
    public static func read(path: String, standardInput: Int32) throws(OptOutError) -> [NumberInput] {
        // TEMPORARY: plain lines until the CSV reader lands.
        let descriptor = path == "-" ? standardInput : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OptOutError(.inputMissing, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { if path != "-" { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, 65536) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        let name = path == "-" ? "standard input" : path
        var result: [NumberInput] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            let text = String(decoding: trimmed.reversed(), as: UTF8.self)
            if text.isEmpty { continue }
            result.append(NumberInput(text: text, origin: "line \(index + 1) of \(name)"))
        }
        return result
    }
}
