import OptOutPlatform

/// `optout backup`: a consistent copy of the database while writers run (contract §5).
///
/// The copy goes through SQLite's online backup API (`Database.backup(into:)`) into a temporary file
/// beside the target, is fsynced with mode 0600 (or `OPTOUT_FILE_MODE`), and is renamed into place,
/// so the target is a whole database or is not there.
public enum DatabaseBackup {
    /// Writes the copy of `store` to `path`.
    public static func write(_ store: OptOutStore, to path: String, mode: FileMode) throws(OptOutError) {
        let parts = PathName(path)
        guard FileIdentity.isFolder(parts.folder) else {
            throw OptOutError(.cannotCreate, "cannot create \(path): \(parts.folder) is not a folder")
        }
        let temporary = parts.folder + "/.\(parts.file).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { _ = unlink(temporary) }
        do {
            let copy = try Database(path: temporary, access: .readWriteCreate(mode: mode.bits))
            try store.database.backup(into: copy)
            // The copy is a standalone file: no journal beside it once closed.
            try copy.executeScript("PRAGMA journal_mode=DELETE")
        } catch {
            throw OptOutError(.cannotCreate, "cannot write the backup \(path): \(error.message)")
        }
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0, fsync(descriptor) == 0 || errno == EINVAL else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { _ = systemClose(descriptor) }
            throw OptOutError(.io, "cannot write the backup \(path): \(reason)")
        }
        _ = systemClose(descriptor)
        _ = chmod(temporary, mode.bits)
        guard rename(temporary, path) == 0 else {
            throw OptOutError(.cannotCreate, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        AtomicFile.syncFolder(parts.folder)
    }

    /// `20261202T051500Z` for `time`: part of backup names, which then sort by time.
    public static func stamp(at time: Timestamp) -> String {
        let iso = time.iso8601  // 2026-12-02T05:15:00.123Z
        return iso.prefix(19).filter { $0 != "-" && $0 != ":" } + "Z"
    }

    /// The name of a backup made at `time` in a folder: `optout-20261202T051500Z.sqlite`.
    public static func fileName(at time: Timestamp) -> String { "optout-\(stamp(at: time)).sqlite" }

    /// Removes all but the newest `keep` backups (`optout-…Z.sqlite`) in `folder`; returns the removed names.
    public static func prune(_ folder: String, keep: Int) throws(OptOutError) -> [String] {
        guard let all = FolderListing.names(in: folder) else {
            throw OptOutError(.inputMissing, "cannot read \(folder): \(String(cString: strerror(errno)))")
        }
        let names = all.filter { $0.hasPrefix("optout-") && $0.hasSuffix("Z.sqlite") }
        let removed = Array(names.sorted().dropLast(keep))
        for name in removed { _ = unlink(folder + "/" + name) }
        return removed
    }
}
