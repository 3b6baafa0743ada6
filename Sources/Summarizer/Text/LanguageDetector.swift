import CCLD2Shim

/// Guesses the language of a text, as a Snowball language name.
///
/// Script first: mostly Han/Kana text is `"chinese"` or `"japanese"` (Japanese when at least a
/// fifth of those letters are kana, ``hanOrKana(han:kana:)``), Arabic script is
/// `"arabic"`, Greek `"greek"`, Cyrillic `"russian"`, Devanagari `"hindi"` (names without a
/// Snowball algorithm stem to the lower-cased word). Latin-script text goes to Compact
/// Language Detector 2 (CLD2, Google's naive Bayes over quadgrams, as in Chromium; Debian
/// `libcld2`), which tells apart 80 languages from a sentence or two; its answer is taken
/// when CLD2 calls it reliable and it names a language of ``cld2Languages``. Otherwise the
/// text is scored by the share of its words found in each ``StopwordList`` (Grefenstette,
/// "Comparing two language identification schemes", JADT 1995); ties and texts with no
/// stopword hit are `"english"`.
package struct LanguageDetector: Sendable {
    /// How many leading words are examined.
    package let sampleWords: Int

    /// A detector that reads at most `sampleWords` words of each text.
    ///
    /// Nothing is built here: the stopword lists are parsed only when CLD2 gives no reliable
    /// answer (most news text never needs them; issue 15, start-up).
    package init(sampleWords: Int = 1_000) {
        self.sampleWords = sampleWords
    }

    /// One list per language of ``StopwordList/languages``, in that order (built once, on the
    /// first text that CLD2 leaves undecided).
    private static let allLists = StopwordList.languages.map { StopwordList(language: $0) }

    /// The detected Snowball language name for `text`.
    ///
    /// - Complexity: O(n) in the length of the text, reading at most ``sampleWords`` words.
    package func detect(_ text: String) -> String {
        var scripts: [Script: Int] = [:]
        var latinLetters = 0
        var examined = 0
        // On the UTF-8 bytes: an ASCII byte is a scalar of its own, so only the others are decoded.
        text.withUTF8Bytes { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    // ASCII fast path: only letters count, and they are Latin.
                    index += 1
                    if (byte | 0x20) &- 0x61 < 26 {
                        latinLetters += 1
                        examined += 1
                        if examined > 20_000 { break }
                    }
                    continue
                }
                let (scalar, length) = Tokenizer.decodeScalar(bytes, at: index)
                index += length
                guard scalar.properties.isAlphabetic else { continue }
                examined += 1
                if examined > 20_000 { break }
                if let script = Script(scalar) { scripts[script, default: 0] += 1 } else { latinLetters += 1 }
            }
        }
        if let (script, count) = scripts.max(by: { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }),
           count > latinLetters {
            if script == .han || script == .kana { return Self.hanOrKana(han: scripts[.han] ?? 0, kana: scripts[.kana] ?? 0) }
            return script.language
        }
        var sample = String(text.characterPrefix(sampleWords * 12))
        // CLD2 is sure of a language from a few sentences: its first 1,000 characters.
        var head = String(sample.characterPrefix(Self.cld2Characters))
        if let language = Self.cld2Language(&head) { return language }
        // Count the hits of every list in one pass: one lookup per word instead of one per
        // word and language (the lists are in `StopwordList.languages` order, as the bits).
        let lists = Self.allLists
        var hitsPerList = [Int](repeating: 0, count: lists.count)
        var words = 0
        let shortStopwords = Self.shortStopwords
        sample.withUTF8 { bytes in
            Tokenizer.forEachToken(utf8: bytes) { lower, upper in
                guard words < sampleWords else { return false }
                words += 1
                var mask: UInt64
                if let key = PackedWord(bytes[lower..<upper]) {
                    // Short ASCII words: no String, no SipHash.
                    mask = shortStopwords.mask(of: key)
                } else {
                    let word = StopwordList.folded(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self))
                    mask = StopwordList.membership[word] ?? 0
                }
                while mask != 0 {
                    hitsPerList[mask.trailingZeroBitCount] += 1
                    mask &= mask - 1
                }
                return true
            }
        }
        var best = "english"
        var bestHits = 0
        for (index, list) in lists.enumerated() {
            let hits = hitsPerList[index]
            if hits > bestHits || (hits == bestHits && list.language == "english" && hits > 0) {
                best = list.language
                bestHits = hits
            }
        }
        return best
    }

    /// Chinese or Japanese, for a text written mostly in Han characters and kana (`han` and
    /// `kana` letters counted): Japanese when at least a fifth of them are kana, else Chinese.
    ///
    /// Japanese prose writes its grammar (particles, endings) in hiragana: kana are about half
    /// of the Han + kana letters of running Japanese text (48 % in the `CJKKeywordTests` news
    /// text, 43 % in the Japanese paragraph of field case F38, 48–88 % in the Japanese cases of
    /// `eval-data/sbd-multi`). Chinese uses no kana but for a quoted Japanese name or sentence,
    /// a brand or a `ー`: F38 (a Chinese article that quotes one Japanese paragraph) has 20 kana
    /// for 170 Han characters, 11 %, and was read as Japanese when any kana made a text Japanese.
    /// A text with no kana is never Japanese.
    static func hanOrKana(han: Int, kana: Int) -> String {
        kana > 0 && kana * 5 >= han + kana ? "japanese" : "chinese"
    }

    /// Snowball language names of the Latin-script languages CLD2 reports, by CLD2's
    /// ISO 639-1 code (the languages with a Snowball stemmer).
    static let cld2Languages: [String: String] = [
        "ca": "catalan", "da": "danish", "de": "german", "en": "english", "es": "spanish",
        "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish",
        "hu": "hungarian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
        "nl": "dutch", "no": "norwegian", "nb": "norwegian", "pt": "portuguese",
        "ro": "romanian", "sr": "serbian", "sv": "swedish", "tr": "turkish",
    ]

    /// The characters of a text that CLD2 reads.
    static let cld2Characters = 1_000

    /// CLD2's reliable answer for `sample` as a Snowball language name, or `nil`.
    static func cld2Language(_ sample: inout String) -> String? {
        var code = [CChar](repeating: 0, count: 16)
        let reliable = sample.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                digestd_cld2_detect(chars.baseAddress, Int32(chars.count), &code, Int32(code.count))
            }
        }
        guard reliable == 1 else { return nil }
        let name = String(decoding: code.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return cld2Languages[name]
    }

    /// ``StopwordList/membership`` for the stopwords of at most 8 ASCII bytes.
    private static let shortStopwords: PackedWordTable = {
        var table = PackedWordTable()
        for (word, mask) in StopwordList.membership {
            if let key = PackedWord(Array(word.utf8)[...]) { table.insert(key, mask: mask) }
        }
        return table
    }()

    private enum Script: String, Hashable {
        case han, kana, hangul, arabic, greek, cyrillic, devanagari, hebrew, thai, armenian

        init?(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FA1F: self = .han
            case 0x3040...0x30FF: self = .kana
            case 0xAC00...0xD7AF, 0x1100...0x11FF: self = .hangul
            case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: self = .arabic
            case 0x0370...0x03FF, 0x1F00...0x1FFF: self = .greek
            case 0x0400...0x04FF: self = .cyrillic
            case 0x0900...0x097F: self = .devanagari
            case 0x0590...0x05FF: self = .hebrew
            case 0x0E00...0x0E7F: self = .thai
            case 0x0531...0x058F, 0xFB13...0xFB17: self = .armenian
            default: return nil
            }
        }

        var language: String {
            switch self {
            case .han: return "chinese"
            case .kana: return "japanese"
            case .hangul: return "korean"
            case .arabic: return "arabic"
            case .greek: return "greek"
            case .cyrillic: return "russian"
            case .devanagari: return "hindi"
            case .hebrew: return "hebrew"
            case .thai: return "thai"
            case .armenian: return "armenian"
            }
        }
    }
}

/// A word of 1–8 ASCII bytes, lower-cased and packed into an integer (little-endian).
struct PackedWord: Hashable {
    let bits: UInt64

    /// `nil` when the word is empty, longer than 8 bytes or not ASCII.
    init?(_ bytes: some Collection<UInt8>) {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var bits: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            bits |= UInt64(lower) << shift
            shift += 8
        }
        self.bits = bits
    }
}

/// An open-addressing hash table from ``PackedWord`` to a language bit mask, with a fixed
/// multiplicative hash (Knuth, TAOCP vol. 3, 6.4): built once, read without locking.
struct PackedWordTable: Sendable {
    private var keys = [UInt64](repeating: 0, count: 1 << 13)
    private var masks = [UInt64](repeating: 0, count: 1 << 13)

    private func slot(_ bits: UInt64) -> Int {
        Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 51)
    }

    /// Adds `mask` to the word's mask. At most about 4,000 words (half the slots).
    mutating func insert(_ word: PackedWord, mask: UInt64) {
        var index = slot(word.bits)
        while keys[index] != 0, keys[index] != word.bits { index = (index + 1) & (keys.count - 1) }
        keys[index] = word.bits
        masks[index] |= mask
    }

    /// The word's mask, 0 when it is not in the table.
    func mask(of word: PackedWord) -> UInt64 {
        var index = slot(word.bits)
        while keys[index] != 0 {
            if keys[index] == word.bits { return masks[index] }
            index = (index + 1) & (keys.count - 1)
        }
        return 0
    }
}
