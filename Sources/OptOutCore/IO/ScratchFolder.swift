import OptOutPlatform

/// A private folder (mode 0700) under `TMPDIR` (else /tmp) for work files, removed with its files when
/// released: where `verify` replays the log.
public final class ScratchFolder {
    public let path: String

    public init(environment: [String: String]) throws(OptOutError) {
        let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/optout-verify-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else {
            throw OptOutError(.cannotCreate, "cannot create a work folder in \(base): \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        for name in FolderListing.names(in: path) ?? [] { _ = unlink(path + "/" + name) }
        _ = rmdir(path)
    }
}
