/// A path split at its last slash into the folder and the file name: `a/b.csv` is `a` and `b.csv`,
/// `/x` is `/` and `x`, a bare `name` is `.` and `name`. The one place that splits paths.
struct PathName: Sendable, Equatable {
    let folder: String
    let file: String

    init(_ path: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else {
            folder = "."
            file = path
            return
        }
        let part = String(path[path.startIndex..<slash])
        folder = part.isEmpty ? "/" : part
        file = String(path[path.index(after: slash)...])
    }
}
