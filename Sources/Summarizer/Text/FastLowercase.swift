extension StringProtocol {
    /// The same string as `lowercased()`, faster for news text: when every non-ASCII scalar is
    /// one without a case mapping that news text is full of (U+00A0–U+00BF: no-break space,
    /// `«`, `»`, `©`; U+2000–U+206F, General Punctuation: curly quotes, dashes, `…`), only
    /// `A`–`Z` change (to `a`–`z`, Unicode's Simple_Lowercase_Mapping for ASCII), so the UTF-8
    /// bytes are mapped one by one instead of scalar by scalar. Any other text goes through
    /// `lowercased()`. The summarizer lower-cases every short sentence and every new token.
    func fastLowercased() -> String {
        let mapped: String?? = utf8.withContiguousStorageIfAvailable(lowercasedBytes)
        if let mapped, let mapped { return mapped }
        return lowercased()
    }
}

/// Well-formed UTF-8 lower-cased byte by byte (see ``StringProtocol/fastLowercased()``), or
/// `nil` when it holds a scalar outside ASCII, U+00A0–U+00BF and U+2000–U+206F.
private func lowercasedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let count = bytes.count
    var index = 0
    var hasUpper = false
    while index < count {
        let byte = bytes[index]
        if byte < 0x80 {
            if byte &- 0x41 < 26 { hasUpper = true }
            index += 1
        } else if byte == 0xC2, index + 1 < count, bytes[index + 1] >= 0xA0 {
            index += 2  // U+00A0–U+00BF
        } else if byte == 0xE2, index + 2 < count,
                  bytes[index + 1] == 0x80 || (bytes[index + 1] == 0x81 && bytes[index + 2] <= 0xAF) {
            index += 3  // U+2000–U+206F
        } else {
            return nil
        }
    }
    guard hasUpper else { return String(decoding: bytes, as: UTF8.self) }
    return String(unsafeUninitializedCapacity: count) { buffer in
        for position in 0..<count {
            let byte = bytes[position]
            buffer[position] = byte &- 0x41 < 26 ? byte | 0x20 : byte
        }
        return count
    }
}
