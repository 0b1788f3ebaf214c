import OptOutPlatform

/// How an output path is written (contract §7):
///
/// - a regular file, or a path where nothing exists yet, is replaced **atomically** (a temporary file
///   in the same folder, fsync, rename: `AtomicFile`), so it appears whole or not at all;
/// - a symbolic link is followed: its final target is replaced atomically in the target's folder and
///   the link is kept;
/// - anything that is not a regular file (a character device such as `/dev/null`, a FIFO, a socket),
///   and the descriptor paths `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N`, is
///   opened and written **in place**: there is no atomicity there, and a reader sees the bytes as they
///   come. It is never renamed over.
public enum OutputTarget: Sendable, Equatable {
    case atomic(path: String)
    case inPlace(path: String)

    /// Where and how `path` is written.
    public static func resolve(_ path: String) -> OutputTarget {
        if isDescriptorPath(path) { return .inPlace(path: path) }
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFDIR {
            return .inPlace(path: path)
        }
        return .atomic(path: linkTarget(path))
    }

    private static func isDescriptorPath(_ path: String) -> Bool {
        path == "/dev/stdout" || path == "/dev/stderr" || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/")
    }

    /// The final target of a chain of symbolic links (at most 40, as the kernel allows), or `path`
    /// itself when it is not a link. A relative link is read from the link's folder.
    static func linkTarget(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return current }
            let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : PathName(current).folder + "/" + target
        }
        return current
    }

    /// `path` made absolute with its folder's symbolic links resolved (the file itself may not exist).
    static func resolvedPath(_ path: String) -> String {
        let link = linkTarget(path)
        let target = PathName(link)
        guard let resolved = realpath(target.folder, nil) else { return link }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return (base == "/" ? "" : base) + "/" + target.file
    }
}
