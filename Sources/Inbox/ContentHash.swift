import Crypto

/// SHA-256 of an article's bytes (FIPS 180-4), as 64 lower-case hex digits: half of an article's identity.
package enum ContentHash {
    /// - Returns: 64 lower-case hexadecimal characters.
    package static func sha256(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
