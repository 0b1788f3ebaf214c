import OptOutPlatform

/// The entry points of the system's OpenSSL libcrypto that optout calls, loaded on first use.
///
/// Linking libcrypto made every command pay for it: the dynamic loader maps and relocates its 4.7 MB
/// and runs its initialisers before `main`, 1.3 ms of a 5 ms `--version` on the reference machine
/// (Docs/performance.md). Only a signed webhook needs it, so it is opened with `dlopen(3)` the first
/// time a signature is checked, and never by the other commands. When it cannot be opened, nothing
/// that needs it can succeed: the signature is refused (fail closed), with the loader's reason.
///
/// The function types are those of OpenSSL 3's `<openssl/hmac.h>`, `<openssl/evp.h>` and
/// `<openssl/crypto.h>` (https://www.openssl.org/docs/man3.0/man3/HMAC.html).
struct LibCrypto: Sendable {
    typealias MessageDigest = @convention(c) () -> OpaquePointer?
    typealias HMACFunction = @convention(c) (
        OpaquePointer?, UnsafeRawPointer?, Int32, UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt8>?,
        UnsafeMutablePointer<UInt32>?
    ) -> UnsafeMutablePointer<UInt8>?
    typealias MemoryCompare = @convention(c) (UnsafeRawPointer?, UnsafeRawPointer?, Int) -> Int32
    typealias EncodeBlock = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafePointer<UInt8>?, Int32) -> Int32

    /// `EVP_MAX_MD_SIZE`: the longest digest any `EVP_MD` produces.
    static let maximumDigestSize = 64

    let sha1: MessageDigest
    let sha256: MessageDigest
    let hmac: HMACFunction
    let memoryCompare: MemoryCompare
    let encodeBlock: EncodeBlock

    /// The library's names, newest first: the runtime package's soname (`libssl3`), then the `-dev`
    /// link, then OpenSSL 3 on macOS. Never macOS's own `/usr/lib/libcrypto.dylib`, which ends any
    /// process that opens it without naming a version.
    static let libraryNames = ["libcrypto.so.3", "libcrypto.so", "libcrypto.3.dylib"]

    /// The library, opened once per process; the failure is kept too, so it is reported every time.
    static let shared: Result<LibCrypto, OptOutError> = load(names: libraryNames)

    /// The loaded library, or why it cannot be used.
    static func loaded() throws(OptOutError) -> LibCrypto {
        try shared.get()
    }

    /// Opens the first of `names` that loads and looks up every entry point in it; the failure
    /// names the first one's reason, the library optout asks for first.
    static func load(names: [String]) -> Result<LibCrypto, OptOutError> {
        var firstReason: String?
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                firstReason = firstReason ?? lastLoaderError() ?? "\(name): not found"
                continue
            }
            func symbol<Function>(_ symbolName: String, as type: Function.Type) -> Function? {
                guard let address = dlsym(handle, symbolName) else { return nil }
                return unsafeBitCast(address, to: type)
            }
            guard let sha1 = symbol("EVP_sha1", as: MessageDigest.self),
                  let sha256 = symbol("EVP_sha256", as: MessageDigest.self),
                  let hmac = symbol("HMAC", as: HMACFunction.self),
                  let memoryCompare = symbol("CRYPTO_memcmp", as: MemoryCompare.self),
                  let encodeBlock = symbol("EVP_EncodeBlock", as: EncodeBlock.self)
            else {
                dlclose(handle)
                firstReason = firstReason ?? "\(name): not OpenSSL's libcrypto (an entry point is missing)"
                continue
            }
            // The handle is never closed: the library stays for the life of the process.
            return .success(LibCrypto(
                sha1: sha1, sha256: sha256, hmac: hmac, memoryCompare: memoryCompare, encodeBlock: encodeBlock))
        }
        return .failure(OptOutError(
            .internal,
            "cannot load OpenSSL's libcrypto to check signatures (install libssl3): \(firstReason ?? "no library named")"))
    }

    private static func lastLoaderError() -> String? {
        guard let text = dlerror() else { return nil }
        return String(cString: text)
    }
}
