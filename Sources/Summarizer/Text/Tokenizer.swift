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
public struct Tokenizer: Sendable {
    /// A tokenizer; it has no settings.
    public init() {}

    /// The tokens of `text`, in order.
    ///
    /// - Complexity: O(n) in the number of Unicode scalars.
    public func tokenize(_ text: some StringProtocol) -> [String] {
        let view = text.unicodeScalars
        let scalars = Array(view)
        // Scalar offsets map to view indices by walking alongside; slicing the view avoids
        // building each token scalar by scalar.
        var offsets: [String.UnicodeScalarView.Index] = []
        offsets.reserveCapacity(scalars.count + 1)
        var position = view.startIndex
        while position < view.endIndex {
            offsets.append(position)
            position = view.index(after: position)
        }
        offsets.append(view.endIndex)
        func slice(_ lower: Int, _ upper: Int) -> String {
            String(text[offsets[lower]..<offsets[upper]])
        }
        var tokens: [String] = []
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            if Self.isSpaceless(scalar) {
                var end = index
                while end < count, Self.isSpaceless(scalars[end]) { end += 1 }
                if end - index == 1 {
                    tokens.append(slice(index, end))
                } else {
                    for start in index..<(end - 1) { tokens.append(slice(start, start + 2)) }
                }
                index = end
            } else if Self.isWordScalar(scalar) {
                var end = index + 1
                while end < count {
                    let next = scalars[end]
                    if Self.isSpaceless(next) { break }
                    if Self.isWordScalar(next) {
                        end += 1
                    } else if Self.isJoiner(next), end + 1 < count,
                              Self.isWordScalar(scalars[end + 1]), !Self.isSpaceless(scalars[end + 1]) {
                        end += 2
                    } else {
                        break
                    }
                }
                tokens.append(slice(index, end))
                index = end
            } else {
                index += 1
            }
        }
        return tokens
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", ",", "'", "\u{2019}", "-", "@", "_", "/", ":", "&": return true
        default: return false
        }
    }

    /// Scripts written without spaces between words.
    static func isSpaceless(_ scalar: Unicode.Scalar) -> Bool {
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
