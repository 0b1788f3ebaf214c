// The one place that names the C library. Every other file imports `OptOutPlatform` instead of
// choosing between Glibc, Musl and Darwin itself.

import Synchronization

#if canImport(Glibc)
@_exported import Glibc
/// The C library this build runs on.
public let systemCLibrary = "glibc"
#elseif canImport(Musl)
@_exported import Musl
public let systemCLibrary = "musl"
#elseif canImport(Darwin)
@_exported import Darwin
public let systemCLibrary = "darwin"
#else
#error("optout needs a C library: Glibc, Musl or Darwin")
#endif

// MARK: - Interrupted system calls

/// Calls `body` again for as long as it fails with `EINTR`, and returns its first other result.
///
/// For calls that return a negative value and set `errno` on failure (`open`, `read`, `write`,
/// `fsync`, …). Never for `close(2)`: on Linux the descriptor is already released when `close` is
/// interrupted, so calling it again could close a descriptor another thread has just opened.
@inline(__always)
public func retryingOnInterrupt<Result: BinaryInteger>(_ body: () -> Result) -> Result {
    while true {
        let result = body()
        if result >= 0 || errno != EINTR { return result }
    }
}

// MARK: - Calls with clashing names

/// `close(2)`, callable from types that have their own `close()` method.
@inline(__always)
public func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }

/// `read(2)`, callable from types that have their own `read` method.
@inline(__always)
public func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// `write(2)`, callable from types that have their own `write` method.
@inline(__always)
public func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// The C library's text for an `errno` value ("No such file or directory").
public func systemErrorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

// MARK: - Threads

/// The body of a thread started by `startThread`, passed through pthread's context pointer.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Starts a thread running `body`; nil when the system cannot start one.
public func startThread(_ body: @escaping () -> Void) -> pthread_t? {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let started = pthread_create(&thread, nil, { context in
        #if canImport(Darwin)
        Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
        #else
        Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
        #endif
        return nil
    }, context)
    guard started == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        return nil
    }
    return thread
}

/// The calling thread, as a comparable number.
public func currentThread() -> UInt {
    #if canImport(Darwin)
    UInt(bitPattern: pthread_self())
    #else
    UInt(pthread_self())
    #endif
}

/// The number of processors online (at least 1): how many threads are worth running.
public func onlineProcessorCount() -> Int {
    max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}

// MARK: - User database

/// The login name of `uid` in the user database (`getpwuid`), nil when it has none. Looked up once a
/// process: a command's actor and its store's OS user are the same user in nearly every run, and each
/// lookup asks nscd, then opens and reads /etc/passwd.
public func loginName(ofUser uid: uid_t) -> String? {
    knownLoginNames.withLock { known in
        if let (user, name) = known, user == uid { return name }
        var name: String?
        if let entry = getpwuid(uid), let text = entry.pointee.pw_name { name = String(cString: text) }
        known = (uid, name)
        return name
    }
}

private let knownLoginNames = Mutex<(uid_t, String?)?>(nil)
