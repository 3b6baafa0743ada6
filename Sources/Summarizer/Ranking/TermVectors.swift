/// The content terms of each sentence: tokens, lower-cased, without stopwords and
/// punctuation, stemmed with Snowball. The unit every ranking step compares.
struct TermVectors {
    /// Per sentence: term ids, in token order (with repeats).
    let terms: [[Int]]
    /// Per sentence: distinct term ids, sorted.
    let distinct: [[Int]]
    /// Term id → stem.
    let vocabulary: [String]
    /// Number of sentences containing each term.
    let documentFrequency: [Int]

    init(sentences: [String], language: String, stopwords: StopwordList) {
        let tokenizer = Tokenizer()
        let stemmer = SnowballStemmer(language: language)
        var ids: [String: Int] = [:]
        var vocabulary: [String] = []
        var terms: [[Int]] = []
        terms.reserveCapacity(sentences.count)
        for sentence in sentences {
            var row: [Int] = []
            for token in tokenizer.tokenize(sentence) {
                let lower = token.lowercased()
                if stopwords.contains(lower) { continue }
                guard lower.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { continue }
                let stem = stemmer.stem(Self.strippingPossessive(lower))
                if let id = ids[stem] {
                    row.append(id)
                } else {
                    ids[stem] = vocabulary.count
                    row.append(vocabulary.count)
                    vocabulary.append(stem)
                }
            }
            terms.append(row)
        }
        var documentFrequency = [Int](repeating: 0, count: vocabulary.count)
        let distinct = terms.map { Array(Set($0)).sorted() }
        for row in distinct { for id in row { documentFrequency[id] += 1 } }
        self.terms = terms
        self.distinct = distinct
        self.vocabulary = vocabulary
        self.documentFrequency = documentFrequency
    }

    var count: Int { terms.count }

    /// The same vectors without the last sentence (used to append the headline for
    /// shared term ids, then rank the body alone).
    init(dropping last: TermVectors) {
        terms = Array(last.terms.dropLast())
        distinct = Array(last.distinct.dropLast())
        vocabulary = last.vocabulary
        var documentFrequency = [Int](repeating: 0, count: last.vocabulary.count)
        for row in distinct { for id in row { documentFrequency[id] += 1 } }
        self.documentFrequency = documentFrequency
    }

    static func strippingPossessive(_ word: String) -> String {
        for suffix in ["'s", "\u{2019}s"] where word.hasSuffix(suffix) && word.count > 2 {
            return String(word.dropLast(2))
        }
        return word
    }

    /// Number of distinct terms two sentences share. Both inputs are sorted.
    static func overlap(_ a: [Int], _ b: [Int]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return shared
    }
}
