import CICUShim

/// Words of text written without spaces (Chinese, Japanese), found by ICU's dictionary-based
/// word break iterator (UAX #29 with ICU's CJ dictionary), so that keywords are words
/// rather than character bigrams.
enum ICUWords {
    /// ICU locales of the Snowball-style language names that need dictionary segmentation.
    static let locales: [String: String] = ["japanese": "ja", "chinese": "zh"]

    /// The words of `text` (letters or ideographs only), in order; empty when the language
    /// needs no dictionary segmentation or ICU fails.
    static func words(_ text: String, language: String) -> [String] {
        guard let locale = locales[language], !text.isEmpty else { return [] }
        let bytes = Array(text.utf8)
        guard bytes.count < Int(Int32.max / 4) else { return [] }
        var capacity = bytes.count * 2 + 64
        for _ in 0..<2 {
            var buffer = [CChar](repeating: 0, count: capacity)
            let written = bytes.withUnsafeBufferPointer { input in
                input.withMemoryRebound(to: CChar.self) { chars in
                    digestd_icu_words(locale, chars.baseAddress, Int32(bytes.count), &buffer, Int32(capacity))
                }
            }
            if written == -1 {
                capacity *= 2
                continue
            }
            guard written > 0 else { return [] }
            let joined = String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return joined.split(separator: "\n").map(String.init)
        }
        return []
    }

    /// Keywords of a Chinese or Japanese article: the most frequent words of two or more
    /// characters that are not written in Hiragana alone (grammatical endings and particles),
    /// three points for a headline occurrence; ties go to the word seen first.
    static func keywords(title: String?, body: [String], language: String, count: Int = 5) -> [String] {
        var weight: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        var order = 0
        func add(_ text: String, points: Int) {
            for word in words(text, language: language) where word.count >= 2
                && !word.unicodeScalars.allSatisfy({ (0x3040...0x309F).contains($0.value) || $0.value == 0x30FC }) {
                weight[word, default: 0] += points
                if firstSeen[word] == nil {
                    firstSeen[word] = order
                    order += 1
                }
            }
        }
        if let title { add(title, points: 3) }
        for sentence in body.prefix(Summarizer.maximumRankedSentences) { add(sentence, points: 1) }
        return weight.sorted { ($0.value, -(firstSeen[$0.key] ?? 0)) > ($1.value, -(firstSeen[$1.key] ?? 0)) }
            .prefix(count).map(\.key)
    }
}
