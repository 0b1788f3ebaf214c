import OptOutPlatform

/// The files under `Tests/Fixtures`, located from this source file so that tests find them from any
/// working directory.
public enum Fixture {
    /// The repository's root: three folders up from this file (`Tests/OptOutTestSupport/Fixture.swift`).
    public static let repositoryRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// `Tests/Fixtures`.
    public static let folder = repositoryRoot + "/Tests/Fixtures"

    /// The path of fixture `name` (`webhooks/meta_text_stop.json`); a missing fixture is an error naming
    /// its full path, so a test fails on the fixture rather than on what the code makes of no file.
    public static func path(_ name: String) throws -> String {
        let path = folder + "/" + name
        guard access(path, R_OK) == 0 else { throw Missing(path: path) }
        return path
    }

    /// The bytes of fixture `name`; a missing or unreadable fixture is an error naming its full path.
    public static func bytes(_ name: String) throws -> [UInt8] {
        let path = try path(name)
        guard let bytes = readFile(path) else { throw Missing(path: path) }
        return bytes
    }

    /// The text of fixture `name`, as UTF-8.
    public static func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }

    /// A fixture that is not where the tests expect it.
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "test fixture missing: \(path)" }
    }
}
