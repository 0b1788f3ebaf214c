import OptOutPlatform

/// An output file that appears whole or not at all, with mode 0600 (or the `FileMode` given).
///
/// `init(path:)` creates `.<name>.tmp-XXXXXX` (via `mkstemp`) in the folder of `path`; write through
/// `sink`; `commit()` flushes, fsyncs, renames the temporary file over `path` and fsyncs the folder.
/// `discard()` (or deinit without a commit) removes the temporary file and leaves any existing file at
/// `path` untouched. Errors name `path`, never the temporary name.
///
/// A process killed with SIGKILL cannot remove its temporary file. Each live temporary file is held
/// under an exclusive `flock` until it is renamed or removed (the kernel drops the lock when the process
/// dies), so after a successful `commit()` any `.<name>.tmp-XXXXXX` beside `path` that is owned by this
/// user and not locked is an orphan, and is removed.
public final class AtomicFile {
    /// The final path.
    public let path: String
    /// The temporary file's path, in the same folder.
    public let temporaryPath: String
    private let fileName: String
    private let folder: String
    /// Where to write the content. Unusable after `commit()` or `discard()`.
    public let sink: ByteSink
    private var descriptor: Int32
    /// A duplicate of `descriptor` that holds the `flock` until the rename is done (closing
    /// `descriptor` to check for write errors must not release it).
    private var lockDescriptor: Int32
    private var finished = false

    /// Creates the temporary file for `path`.
    ///
    /// Throws `.cannotCreate` when the folder does not exist, is not a folder, is not writable, or
    /// `path` is a directory: "cannot create P: No such file or directory" / "Permission denied" /
    /// "Not a directory" / "Is a directory".
    ///
    /// `name` is the path to use in messages (the path the user gave, when `path` is a link's target).
    public init(path: String, mode: FileMode = .private, name: String? = nil) throws(OptOutIOError) {
        let shown = name ?? path
        let parts = PathName(path)
        let folder = parts.folder
        let fileName = parts.file
        var status = stat()
        if fileName.isEmpty || fileName == "." || fileName == ".."
            || (stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR)
        {
            throw .system(.cannotCreate, "cannot create", shown, EISDIR)
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var template: [CChar] = []
        var opened: Int32 = -1
        var lock: Int32 = -1
        // A cleaner may remove the file between mkstemp and flock; then try a new name.
        for _ in 0..<8 {
            template = Array("\(prefix).\(fileName).tmp-XXXXXX".utf8CString)
            opened = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
                guard let base = buffer.baseAddress else { return -1 }
                return mkstemp(base)
            }
            if opened < 0 {
                let code = errno
                let kind: OptOutIOError.Kind =
                    (code == EIO || code == ENOSPC || code == EDQUOT) ? .io : .cannotCreate
                throw .system(kind, "cannot create", shown, code)
            }
            _ = fcntl(opened, F_SETFD, FD_CLOEXEC)
            lock = fcntl(opened, F_DUPFD_CLOEXEC, 0)
            if lock >= 0, AtomicFile.lockAndCheck(lock, path: template) { break }
            if lock >= 0 { _ = systemClose(lock) }
            lock = -1
            _ = systemClose(opened)
            opened = -1
        }
        if opened < 0 { throw .system(.cannotCreate, "cannot create", shown, EAGAIN) }
        _ = fchmod(opened, mode.bits)
        self.path = path
        self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.descriptor = opened
        self.lockDescriptor = lock
        self.fileName = fileName
        self.folder = folder
        self.sink = ByteSink(fileDescriptor: opened, ownsDescriptor: false, name: shown)
        sink.startsWriteback = true
    }

    deinit { discard() }

    /// Makes the written content appear at `path`: flush, fsync, close, rename, fsync the folder.
    ///
    /// Throws `.io` when writing, syncing or closing fails ("cannot write P: No space left on device"),
    /// `.cannotCreate` when the rename is refused (for example `path` became a directory). On any error
    /// the temporary file is removed and an existing file at `path` is left as it was. Calling it again
    /// after success does nothing.
    public func commit() throws(OptOutIOError) {
        if finished { return }
        do {
            try sink.flush()
        } catch {
            discard()
            throw error
        }
        if fsync(descriptor) != 0 && errno != EINVAL {
            let code = errno
            discard()
            throw .system(.io, "cannot write", path, code)
        }
        sink.detach()
        let closed = systemClose(descriptor)
        let closeCode = errno
        descriptor = -1
        if closed != 0 && closeCode != EINTR {
            discard()
            throw .system(.io, "cannot write", path, closeCode)
        }
        if rename(temporaryPath, path) != 0 {
            let code = errno
            discard()
            let kind: OptOutIOError.Kind =
                (code == EIO || code == ENOSPC || code == EDQUOT) ? .io : .cannotCreate
            throw .system(kind, "cannot create", path, code)
        }
        finished = true
        Self.syncFolder(folder)
        releaseLock()
        removeOrphanedTemporaries()
    }

    /// Removes the temporary file; `path` is left untouched. Does nothing after `commit()`.
    public func discard() {
        if finished { return }
        finished = true
        sink.detach()
        if descriptor >= 0 {
            _ = systemClose(descriptor)
            descriptor = -1
        }
        _ = unlink(temporaryPath)
        releaseLock()
    }

    // MARK: - Temporary files left by killed processes

    /// Takes the exclusive lock on a new temporary file and checks that `path` still names it (a
    /// cleaner that found it unlocked a moment earlier may have removed it).
    private static func lockAndCheck(_ descriptor: Int32, path: [CChar]) -> Bool {
        guard flock(descriptor, LOCK_EX) == 0 else { return false }
        var opened = stat()
        var named = stat()
        guard fstat(descriptor, &opened) == 0 else { return false }
        let found = path.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return lstat(base, &named) == 0
        }
        return found && opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    private func releaseLock() {
        if lockDescriptor >= 0 {
            _ = systemClose(lockDescriptor)
            lockDescriptor = -1
        }
    }

    /// Removes `.<name>.tmp-XXXXXX` files beside `path` that a killed run left: regular files owned
    /// by this user that no live process holds locked. Best effort; errors are ignored.
    private func removeOrphanedTemporaries() {
        let prefix = ".\(fileName).tmp-".utf8
        let folderPrefix = folder.hasSuffix("/") ? folder : folder + "/"
        for name in FolderListing.names(in: folder) ?? [] {
            guard name.utf8.count == prefix.count &+ 6, name.utf8.starts(with: prefix) else { continue }
            let candidate = folderPrefix + name
            let descriptor = open(candidate, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { _ = systemClose(descriptor) }
            var opened = stat()
            var named = stat()
            guard fstat(descriptor, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG,
                opened.st_uid == geteuid(), flock(descriptor, LOCK_EX | LOCK_NB) == 0,
                lstat(candidate, &named) == 0, named.st_dev == opened.st_dev, named.st_ino == opened.st_ino
            else { continue }
            _ = unlink(candidate)
        }
    }

    /// Best-effort fsync of `folder` so a rename in it is durable.
    static func syncFolder(_ folder: String) {
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            _ = systemClose(folderDescriptor)
        }
    }
}
