/// Splits text into word tokens for comparing sentences.
///
/// - Letters, digits and combining marks form words. `.` `,` `'` `’` `-` `@` `_` `/` `:`
///   join two word characters into one token, so `3.5`, `2.4.1`, `192.168.10.20`,
///   `info.desk@example.net`, `don't` and `U.S` stay whole.
/// - Runs of Han, Kana, Hangul or Thai characters (scripts written without spaces) become
///   overlapping character bigrams (a run of one character is one token), following the
///   usual practice for CJK retrieval (Kwok, "Comparing representations in Chinese
///   information retrieval", SIGIR 1997).
/// - Everything else (spaces, punctuation, symbols) separates tokens.
///
/// Tokens keep their surface case; callers lower-case or stem them as needed.
package struct Tokenizer: Sendable {
    /// A tokenizer; it has no settings.
    package init() {}

    /// The tokens of `text`, in order.
    ///
    /// - Complexity: O(n) in the number of UTF-8 bytes; one pass, no per-scalar index walk.
    package func tokenize(_ text: some StringProtocol) -> [String] {
        text.withUTF8Bytes(Self.tokens(utf8:))
    }

    /// The tokenizer proper, over the well-formed UTF-8 of a string. Token boundaries are
    /// decided per Unicode scalar exactly as described on the type; tokens are copied out
    /// of the buffer by byte offsets.
    static func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var tokens: [String] = []
        forEachToken(utf8: bytes) { lower, upper in
            tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self))
            return true
        }
        return tokens
    }

    /// Calls `body` with the byte range of each token, in order, while it returns `true`.
    static func forEachToken(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Bool) {
        let count = bytes.count
        var runStarts: [Int] = []
        var index = 0
        while index < count {
            let (scalar, length) = decodeScalar(bytes, at: index)
            if isSpaceless(scalar) {
                // Byte offset of each scalar of the run, then the run's end.
                runStarts.removeAll(keepingCapacity: true)
                var end = index
                while end < count {
                    let (next, nextLength) = decodeScalar(bytes, at: end)
                    guard isSpaceless(next) else { break }
                    runStarts.append(end)
                    end += nextLength
                }
                runStarts.append(end)
                if runStarts.count == 2 {
                    guard body(index, end) else { return }
                } else {
                    for k in 0..<(runStarts.count - 2) {
                        guard body(runStarts[k], runStarts[k + 2]) else { return }
                    }
                }
                index = end
            } else if isWordScalar(scalar) {
                var end = index + length
                while end < count {
                    let (next, nextLength) = decodeScalar(bytes, at: end)
                    if isSpaceless(next) { break }
                    if isWordScalar(next) {
                        end += nextLength
                    } else if isJoiner(next), end + nextLength < count {
                        let (after, afterLength) = decodeScalar(bytes, at: end + nextLength)
                        guard isWordScalar(after), !isSpaceless(after) else { break }
                        end += nextLength + afterLength
                    } else {
                        break
                    }
                }
                guard body(index, end) else { return }
                index = end
            } else {
                index += length
            }
        }
    }

    /// The scalar starting at byte `index` of well-formed UTF-8, and its length in bytes.
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        var value: UInt32
        let length: Int
        if lead < 0xE0 {
            value = UInt32(lead & 0x1F); length = 2
        } else if lead < 0xF0 {
            value = UInt32(lead & 0x0F); length = 3
        } else {
            value = UInt32(lead & 0x07); length = 4
        }
        let end = min(index + length, bytes.count)
        var position = index + 1
        while position < end {
            value = value << 6 | UInt32(bytes[position] & 0x3F)
            position += 1
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", end - index)
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            // Digits, then letters of either case (`| 0x20` maps A–Z onto a–z).
            return value &- 0x30 < 10 || (value | 0x20) &- 0x61 < 26
        }
        return isNonASCIIWordScalar(scalar)
    }

    static func isNonASCIIWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", ",", "'", "\u{2019}", "-", "@", "_", "/", ":", "&": return true
        default: return false
        }
    }

    /// Scripts written without spaces between words.
    @inline(__always)
    static func isSpaceless(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x0E00 { return false }
        switch scalar.value {
        case 0x3040...0x30FF,   // Hiragana, Katakana
             0x3400...0x4DBF,   // CJK Extension A
             0x4E00...0x9FFF,   // CJK Unified Ideographs
             0xF900...0xFAFF,   // CJK Compatibility Ideographs
             0xAC00...0xD7AF,   // Hangul syllables
             0x0E00...0x0E7F,   // Thai
             0x20000...0x2FA1F: // CJK Extensions B–F, compatibility supplement
            return true
        default:
            return false
        }
    }
}
