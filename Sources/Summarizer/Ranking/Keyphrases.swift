/// Multi-word keyphrases (names such as "Khalifa Haftar", "Libyan National Army") merged with
/// the single-word keywords of ``KeywordExtractor``.
///
/// Candidates follow RAKE's idea of splitting text at stopwords and punctuation (Rose, Engel,
/// Cramer & Cowley, "Automatic Keyword Extraction from Individual Documents", Text Mining,
/// 2010), restricted to runs of two or more capitalised words (proper names, which carry no
/// verbs), and are scored as YAKE scores candidates by frequency and position (Campos et al.,
/// "YAKE! Keyword extraction from single documents using multiple local features",
/// Information Sciences 509, 2020): occurrences, plus two in the headline, plus one in the
/// lead sentence. Possessives (`Egypt’s`) are stripped; a single keyword is dropped when a
/// chosen phrase holds a word with the same first five letters (`Libya` in
/// `Libyan National Army`), which merges inflected and derived forms as stemming would.
enum Keyphrases {
    /// The phrases worth keeping, best first: those seen twice or more, in the headline or in
    /// the lead sentence. Ties go to the phrase seen first.
    static func phrases(title: String?, sentences: [String], limit: Int = 3) -> [String] {
        var score: [String: Double] = [:]
        var firstSeen: [String: Int] = [:]
        var order = 0
        func add(_ text: String, bonus: Double) {
            for phrase in candidates(in: text) {
                score[phrase, default: 0] += 1 + bonus
                if firstSeen[phrase] == nil {
                    firstSeen[phrase] = order
                    order += 1
                }
            }
        }
        if let title { add(title, bonus: 2) }
        for (index, sentence) in sentences.prefix(Summarizer.maximumRankedSentences).enumerated() {
            add(sentence, bonus: index == 0 ? 1 : 0)
        }
        return score.filter { $0.value >= 2 }
            .sorted { ($0.value, -(firstSeen[$0.key] ?? 0)) > ($1.value, -(firstSeen[$1.key] ?? 0)) }
            .prefix(limit).map(\.key)
    }

    /// Runs of two or more capitalised words with no punctuation or lower-case word between
    /// them; a possessive ends a run and is stripped. At most five words per run.
    static func candidates(in text: String) -> [String] {
        var found: [String] = []
        var run: [String] = []
        func flush() {
            if (2...5).contains(run.count) { found.append(run.joined(separator: " ")) }
            run = []
        }
        text.withUTF8Bytes { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                while index < count, isSpace(bytes[index]) { index += 1 }
                guard index < count else { break }
                let start = index
                while index < count, !isSpace(bytes[index]) { index += 1 }
                // Fast path: a word whose first letter or digit is lower-case ASCII or a digit
                // (most words) ends any run without becoming a String.
                var first = start
                while first < index, bytes[first] < 0x80, !isASCIIAlphanumeric(bytes[first]) { first += 1 }
                if first == index || (bytes[first] < 0x80 && !(0x41...0x5A).contains(bytes[first])) {
                    flush()
                    continue
                }
                let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                var word = Substring(raw)
                while let first = word.first, !first.isLetter, !first.isNumber { word = word.dropFirst() }
                if !word.isEmpty, word.unicodeScalars.first != raw.unicodeScalars.first { flush() } // opening quote or bracket
                var trailing = false
                while let last = word.last, !last.isLetter, !last.isNumber {
                    word = word.dropLast()
                    trailing = true
                }
                let stripped = ContentTerms.strippingPossessive(String(word))
                let possessive = stripped.count != word.count
                guard let initial = stripped.first, initial.isUppercase, stripped.count >= 2,
                      stripped.contains(where: \.isLowercase) else {
                    flush()
                    continue
                }
                run.append(stripped)
                if trailing || possessive { flush() }
            }
        }
        flush()
        return found
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// `phrases` followed by the single keywords that no phrase covers, at most `count`.
    static func merged(phrases: [String], keywords: [String], count: Int = 5) -> [String] {
        let covered = Set(phrases.flatMap { $0.split(separator: " ").map { key(String($0)) } })
        var result = phrases
        for keyword in keywords.map({ ContentTerms.strippingPossessive($0) })
        where !covered.contains(key(keyword)) && !result.contains(keyword) {
            result.append(keyword)
        }
        return Array(result.prefix(count))
    }

    /// A word's first five letters, lower-cased: the merge key of related forms.
    static func key(_ word: String) -> String {
        String(word.lowercased().prefix(5))
    }
}
