import OptOutPlatform

/// Checks, before SQLite opens anything, that no other user could change the database behind
/// optout's back (OpenSSH's StrictModes is the model): the database file and its `-wal` and `-shm`
/// must not be writable by others, the `-wal` and `-shm` must belong to the database's owner (a planted
/// write-ahead log is replayed into the database by the next reader), and a folder writable by others
/// must have the sticky bit (else anyone may replace the files in it).
enum DatabaseFiles {
    /// Throws `notPermitted` (77) naming the file and the fix.
    static func checkSafe(_ path: String) throws(OptOutError) {
        let folder = PathName(path).folder
        var folderStatus = stat()
        if stat(folder, &folderStatus) == 0, folderStatus.st_mode & S_IWOTH != 0, folderStatus.st_mode & S_ISVTX == 0 {
            throw OptOutError(
                .notPermitted,
                "folder \(folder) is writable by others without the sticky bit, so anyone could replace the database in it; "
                    + "use another folder or chmod o-w \(folder)")
        }
        var database = stat()
        guard stat(path, &database) == 0 else { return }
        try checkNotWritableByOthers(path, database)
        for suffix in ["-wal", "-shm"] {
            var companion = stat()
            guard lstat(path + suffix, &companion) == 0 else { continue }
            if companion.st_mode & S_IFMT != S_IFREG {
                throw OptOutError(.notPermitted, "\(path)\(suffix) is not a regular file; remove it")
            }
            try checkNotWritableByOthers(path + suffix, companion)
            if companion.st_uid != database.st_uid {
                throw OptOutError(
                    .notPermitted,
                    "\(path)\(suffix) belongs to user \(companion.st_uid), not to the database's owner (\(database.st_uid)); "
                        + "a write-ahead file of another owner is refused: check it and remove it")
            }
        }
    }

    private static func checkNotWritableByOthers(_ path: String, _ status: stat) throws(OptOutError) {
        guard status.st_mode & S_IWOTH != 0 else { return }
        let mode = String(status.st_mode & 0o777, radix: 8)
        throw OptOutError(.notPermitted, "\(path) is writable by others (mode 0\(mode)); run chmod o-w \(path)")
    }
}
