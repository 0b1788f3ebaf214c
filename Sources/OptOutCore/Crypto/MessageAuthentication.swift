/// Keyed message authentication for webhook signatures, from the system's OpenSSL libcrypto: HMAC
/// (RFC 2104) with SHA-1 or SHA-256, constant-time comparison and base64. Nothing here is written by
/// hand but the glue (https://www.openssl.org/docs/man3.0/man3/HMAC.html). The library is loaded on
/// first use (`LibCrypto`); each call throws when it cannot be.
public enum MessageAuthentication {
    public enum Digest: Sendable {
        case sha1
        case sha256
    }

    /// HMAC of `message` keyed by `key`.
    public static func hmac(_ digest: Digest, key: [UInt8], message: [UInt8]) throws(OptOutError) -> [UInt8] {
        let crypto = try LibCrypto.loaded()
        var output = [UInt8](repeating: 0, count: LibCrypto.maximumDigestSize)
        var length: UInt32 = 0
        let evp = digest == .sha1 ? crypto.sha1() : crypto.sha256()
        key.withUnsafeBytes { key in
            message.withUnsafeBytes { message in
                output.withUnsafeMutableBytes { out in
                    _ = crypto.hmac(
                        evp, key.baseAddress, Int32(key.count),
                        message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count,
                        out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
                }
            }
        }
        return Array(output.prefix(Int(length)))
    }

    /// Whether `first` and `second` are equal, in time that does not depend on where they differ
    /// (`CRYPTO_memcmp`); different lengths are unequal.
    public static func equalInConstantTime(_ first: [UInt8], _ second: [UInt8]) throws(OptOutError) -> Bool {
        let crypto = try LibCrypto.loaded()
        guard first.count == second.count else { return false }
        if first.isEmpty { return true }
        return first.withUnsafeBytes { a in
            second.withUnsafeBytes { b in crypto.memoryCompare(a.baseAddress, b.baseAddress, first.count) == 0 }
        }
    }

    /// Standard base64 (with padding) of `bytes` (`EVP_EncodeBlock`).
    public static func base64(_ bytes: [UInt8]) throws(OptOutError) -> String {
        let crypto = try LibCrypto.loaded()
        var output = [UInt8](repeating: 0, count: (bytes.count + 2) / 3 * 4 + 1)
        let written = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                crypto.encodeBlock(out.baseAddress, input.baseAddress, Int32(input.count))
            }
        }
        return String(decoding: output.prefix(Int(written)), as: UTF8.self)
    }

    /// Lower-case hexadecimal of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
