/// The content terms of each sentence: tokens, lower-cased, without stopwords and
/// tokens lacking a letter, stemmed with Snowball. The unit every ranking step compares.
struct TermVectors {
    /// Per sentence: term ids, in token order (with repeats).
    let terms: [[Int]]
    /// Per sentence: distinct term ids, sorted.
    let distinct: [[Int]]

    /// Vectors for sentences already turned into ``ContentTerms/Term``s.
    init(terms sentenceTerms: [[ContentTerms.Term]]) {
        var ids: [String: Int] = [:]
        terms = sentenceTerms.map { sentence in
            sentence.map { term in
                if let id = ids[term.stem] { return id }
                let id = ids.count
                ids[term.stem] = id
                return id
            }
        }
        distinct = terms.map { Array(Set($0)).sorted() }
    }

    init(sentences: [String], language: String, stopwords: StopwordList) {
        let extractor = ContentTerms(language: language, stopwords: stopwords)
        self.init(terms: sentences.map(extractor.terms(of:)))
    }

    /// The same vectors without the last sentence (used to append the headline for
    /// shared term ids, then rank the body alone).
    init(dropping last: TermVectors) {
        terms = Array(last.terms.dropLast())
        distinct = Array(last.distinct.dropLast())
    }

    var count: Int { terms.count }

    /// Number of distinct terms two sentences share. Both inputs are sorted.
    static func overlap(_ a: [Int], _ b: [Int]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return shared
    }
}

/// Turns a sentence into its content terms: each token that is not a stopword and holds
/// a letter, with its Snowball stem (possessive `'s` removed first).
///
/// - Important: holds a ``SnowballStemmer``, which is not thread-safe; use one per call.
struct ContentTerms {
    struct Term {
        let surface: String
        let stem: String
    }

    private let tokenizer = Tokenizer()
    private let stemmer: SnowballStemmer
    private let stopwords: StopwordList
    /// Per token surface: its stem, or `nil` when the token is dropped. Articles repeat
    /// most of their words, so each surface is folded, checked and stemmed once.
    private let memo = Memo()

    private final class Memo {
        var stems: [String: String?] = [:]
    }

    init(language: String, stopwords: StopwordList) {
        self.stemmer = SnowballStemmer(language: language)
        self.stopwords = stopwords
    }

    func terms(of sentence: String) -> [Term] {
        tokenizer.tokenize(sentence).compactMap { token in
            guard let stem = stem(of: token) else { return nil }
            return Term(surface: token, stem: stem)
        }
    }

    /// The stem of a content token, or `nil` for a stopword or a token without a letter.
    private func stem(of token: String) -> String? {
        if let known = memo.stems[token] { return known }
        let lower = StopwordList.folded(token)
        var stem: String?
        if !stopwords.containsLowercased(lower),
           lower.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            stem = stemmer.stem(Self.strippingPossessive(lower))
        }
        if memo.stems.count < 100_000 { memo.stems[token] = stem }
        return stem
    }

    static func strippingPossessive(_ word: String) -> String {
        for suffix in ["'s", "\u{2019}s"] where word.hasSuffix(suffix) && word.count > 2 {
            return String(word.dropLast(2))
        }
        return word
    }
}
