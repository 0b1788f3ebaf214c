import OptOutPlatform

/// Which file a path names, to tell whether two paths are the same file before anything is read or
/// written: the device and inode of an existing file (through symbolic links), else the absolute path
/// with its folder resolved.
public enum FileIdentity: Sendable, Equatable {
    case inode(device: UInt64, inode: UInt64, characterDevice: Bool)
    case path(String)

    /// The identity of `path`.
    public static func of(_ path: String) -> FileIdentity {
        var status = stat()
        if stat(path, &status) == 0 { return identity(status) }
        return .path(OutputTarget.resolvedPath(path))
    }

    /// The identity of an open descriptor (standard input given as `-`), nil when it cannot be read.
    public static func of(descriptor: Int32) -> FileIdentity? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return identity(status)
    }

    private static func identity(_ status: stat) -> FileIdentity {
        .inode(
            device: UInt64(truncatingIfNeeded: status.st_dev), inode: UInt64(truncatingIfNeeded: status.st_ino),
            characterDevice: status.st_mode & S_IFMT == S_IFCHR)
    }

    /// Whether `path` names an existing folder (through symbolic links).
    public static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// True for a character device (`/dev/null`), which several outputs may share without losing data.
    public var isCharacterDevice: Bool {
        if case .inode(_, _, true) = self { return true }
        return false
    }
}
