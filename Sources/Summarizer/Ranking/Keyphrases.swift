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
///
/// A phrase must occur in the body: a headline's Title Case capitalises every word, so a run of
/// capitals there is no evidence of a name (`Man Developed`, `Physicists Just Created`), and a
/// phrase only the headline holds says nothing about the body (the rule single keywords already
/// follow). A run never starts or ends with a stopword: a capitalised sentence opener or a
/// function word (`But Mr`, `When President Trump`, `The Kolm`) is dropped, and what is left is
/// a candidate only if it still has two words; an honorific stays (`Mr Blair`).
enum Keyphrases {
    /// The phrases worth keeping, best first: those seen twice or more, in the headline or in
    /// the lead sentence. Ties go to the phrase seen first.
    static func phrases(title: String?, sentences: [String], stopwords: StopwordList? = nil, limit: Int = 3) -> [String] {
        Array(ranked(title: title, sentences: sentences, stopwords: stopwords).filter { $0.score >= 2 }.prefix(limit).map(\.phrase))
    }

    /// Every candidate of the article with its score, best first; ties go to the one seen first.
    /// With body sentences, only candidates the body holds; the headline adds to their score.
    static func ranked(title: String?, sentences: [String], stopwords: StopwordList? = nil) -> [(phrase: String, score: Double)] {
        var score: [String: Double] = [:]
        var firstSeen: [String: Int] = [:]
        var inBody: Set<String> = []
        var order = 0
        func add(_ text: String, bonus: Double, body: Bool) {
            for phrase in candidates(in: text, stopwords: stopwords) {
                score[phrase, default: 0] += 1 + bonus
                if body { inBody.insert(phrase) }
                if firstSeen[phrase] == nil {
                    firstSeen[phrase] = order
                    order += 1
                }
            }
        }
        if let title { add(title, bonus: 2, body: false) }
        for (index, sentence) in sentences.prefix(Summarizer.maximumRankedSentences).enumerated() {
            add(sentence, bonus: index == 0 ? 1 : 0, body: true)
        }
        return score
            .filter { sentences.isEmpty || inBody.contains($0.key) }
            .sorted { ($0.value, -(firstSeen[$0.key] ?? 0)) > ($1.value, -(firstSeen[$1.key] ?? 0)) }
            .map { (phrase: $0.key, score: $0.value) }
    }

    /// Runs of two or more capitalised words with no punctuation or lower-case word between
    /// them; a possessive ends a run and is stripped. A run that ends in a personal name after
    /// a common word is two candidates (see ``splittingTrailingName(_:)``). At most five words
    /// per candidate. Leading and trailing words that are `stopwords` are dropped first.
    static func candidates(in text: String, stopwords: StopwordList? = nil) -> [String] {
        var found: [String] = []
        var run: [String] = []
        func flush() {
            if let stopwords, !stopwords.isEmpty {
                // An honorific (`Mr`, `Dr`) is part of the name it precedes, stopword or not.
                func isFunctionWord(_ word: String) -> Bool {
                    let lower = word.fastLowercased()
                    return stopwords.contains(lower) && !AbbreviationList.honorifics.contains(lower)
                }
                while let first = run.first, isFunctionWord(first) { run.removeFirst() }
                while let last = run.last, stopwords.contains(last.fastLowercased()) { run.removeLast() }
            }
            if run.count == 2 {
                found.append(run[0] + " " + run[1])
            } else if run.count > 2 {
                for part in splittingTrailingName(run) where (2...5).contains(part.count) {
                    found.append(part.joined(separator: " "))
                }
            }
            run.removeAll(keepingCapacity: true)
        }
        // Most words end no run (none is open): tested here, before any call.
        func endRun() {
            if !run.isEmpty { flush() }
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
                    endRun()
                    continue
                }
                let bytesOfWord = UnsafeBufferPointer(rebasing: bytes[start..<index])
                let word = asciiWord(bytesOfWord) ?? characterWord(String(decoding: bytesOfWord, as: UTF8.self))
                if word.opensWithPunctuation { endRun() }
                guard word.isCandidate else {
                    endRun()
                    continue
                }
                run.append(word.text)
                if word.endsRun { endRun() }
            }
        }
        endRun()
        return found
    }

    /// One space-delimited word of ``candidates(in:stopwords:)`` and what it does to a run.
    struct CandidateWord: Equatable {
        /// The word without leading and trailing punctuation and without a possessive `'s`.
        let text: String
        /// Punctuation (an opening quote or bracket) stands before its first letter or digit:
        /// a run ends before it.
        let opensWithPunctuation: Bool
        /// Capitalised, two characters or more, with a lower-case letter: it may join a run.
        let isCandidate: Bool
        /// Punctuation follows it or it had a possessive: a run ends after it.
        let endsRun: Bool
    }

    /// A word by its characters: word characters are letters and digits, case is Unicode's.
    static func characterWord(_ raw: String) -> CandidateWord {
        // Leading and trailing punctuation cut by one slice each: dropping one character
        // at a time re-counted the word each time (quadratic in a 10 MB "((((…))))" word).
        let isWordCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber }
        var word = Substring(raw)
        word = word[(word.firstIndex(where: isWordCharacter) ?? word.endIndex)...]
        let opens = !word.isEmpty && word.unicodeScalars.first != raw.unicodeScalars.first
        let end = word.lastIndex(where: isWordCharacter).map { word.index(after: $0) } ?? word.startIndex
        let trailing = end != word.endIndex
        word = word[..<end]
        let stripped = TextAnalyzer.strippingPossessive(String(word))
        let possessive = stripped.count != word.count
        let isCandidate = stripped.first?.isUppercase == true && stripped.count >= 2 && stripped.contains(where: \.isLowercase)
        return CandidateWord(text: isCandidate ? stripped : "", opensWithPunctuation: opens, isCandidate: isCandidate,
                             endsRun: trailing || possessive)
    }

    /// ``characterWord(_:)`` on the bytes of a word when every byte is ASCII and it has a letter
    /// or digit (else `nil`): in ASCII a character is a byte, a word character is a letter or
    /// digit, and only A–Z and a–z have case. Most capitalised words of news take this path.
    static func asciiWord(_ bytes: UnsafeBufferPointer<UInt8>) -> CandidateWord? {
        guard bytes.allSatisfy({ $0 < 0x80 }),
              let first = bytes.firstIndex(where: isASCIIAlphanumeric),
              let last = bytes.lastIndex(where: isASCIIAlphanumeric) else { return nil }
        var end = last + 1
        // A possessive `'s` is stripped when a character is left before it (`strippingPossessive`
        // keeps words of at most two characters whole).
        let possessive = end - first > 2 && bytes[end - 1] == UInt8(ascii: "s") && bytes[end - 2] == UInt8(ascii: "'")
        if possessive { end -= 2 }
        let word = UnsafeBufferPointer(rebasing: bytes[first..<end])
        let isCandidate = (0x41...0x5A).contains(word[0]) && word.count >= 2 && word.contains(where: { (0x61...0x7A).contains($0) })
        return CandidateWord(text: isCandidate ? String(decoding: word, as: UTF8.self) : "",
                             opensWithPunctuation: first != 0, isCandidate: isCandidate,
                             endsRun: last + 1 != bytes.count || possessive)
    }

    /// A run of capitalised words split before a trailing personal name: when the run ends in
    /// two or more words that are not ``CommonWords`` and the word before them is one, the
    /// name is a candidate of its own (`Libyan National Army` + `Khalifa Haftar`,
    /// `French President` + `Emmanuel Macron`). Names of organisations made of common words
    /// (`New York Stock Exchange`) stay whole.
    static func splittingTrailingName(_ run: [String]) -> [[String]] {
        guard run.count >= 3 else { return [run] }
        var start = run.count
        while start > 0, !CommonWords.contains(run[start - 1]) { start -= 1 }
        guard start > 0, run.count - start >= 2 else { return [run] }
        return [Array(run[..<start]), Array(run[start...])]
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// `phrases` followed by the single keywords that no phrase covers, at most `count`. A
    /// capitalised single keyword that is part of a name among `names` (every candidate of the
    /// article, best first) stands as that whole name (`San` → `San Francisco`), so a name is
    /// never split into keywords.
    static func merged(phrases: [String], keywords: [String], names: [String] = [], count: Int = 5) -> [String] {
        var covered = Set(phrases.flatMap { $0.split(separator: " ").map { key(String($0)) } })
        var result = phrases
        for single in keywords.map({ TextAnalyzer.strippingPossessive($0) }) {
            var keyword = single
            if single.first?.isUppercase ?? false,
               let name = names.first(where: { $0.split(separator: " ").contains { $0 == single } }) {
                keyword = name
            }
            let keys = keyword.split(separator: " ").map { key(String($0)) }
            guard !keys.allSatisfy(covered.contains), !result.contains(keyword) else { continue }
            result.append(keyword)
            covered.formUnion(keys)
        }
        return Array(result.prefix(count))
    }

    /// A word's first five letters, lower-cased: the merge key of related forms.
    static func key(_ word: String) -> String {
        String(word.lowercased().prefix(5))
    }
}
