/// The content terms of each sentence: tokens, lower-cased, without stopwords and
/// tokens lacking a letter, stemmed with Snowball. The unit every ranking step compares.
struct TermVectors {
    /// Per sentence: term ids, in token order (with repeats).
    let terms: [[Int]]
    /// Per sentence: distinct term ids, sorted.
    let distinct: [[Int]]

    /// Vectors for sentences already turned into ``ContentTerms/Term``s by one
    /// ``ContentTerms`` value (their ``ContentTerms/Term/id``s must share one numbering).
    /// Ids here are renumbered densely in order of first occurrence.
    init(terms sentenceTerms: [[ContentTerms.Term]]) {
        var ids: [Int] = []
        var next = 0
        terms = sentenceTerms.map { sentence in
            sentence.map { term in
                if term.id >= ids.count { ids.append(contentsOf: repeatElement(-1, count: term.id + 1 - ids.count)) }
                if ids[term.id] < 0 {
                    ids[term.id] = next
                    next += 1
                }
                return ids[term.id]
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
    /// One content token of a sentence.
    struct Term {
        /// The token as written.
        let surface: String
        /// Its Snowball stem.
        let stem: String
        /// The stem's number: equal stems have equal ids, dense from 0 in order of first
        /// sight by this ``ContentTerms`` value (so ranking and keywords need not hash stems).
        let id: Int
        /// Whether the token may stand as a keyword (see ``KeywordExtractor/isCandidate(_:)``).
        let isKeywordCandidate: Bool
    }

    private let tokenizer = Tokenizer()
    private let stemmer: SnowballStemmer
    private let stopwords: StopwordList
    /// Articles repeat most of their words, so each surface is folded, checked and stemmed once.
    private let memo = Memo()

    private final class Memo {
        /// Per token surface: the stem id (-1 when the token is dropped) and whether it
        /// may be a keyword.
        var tokens: [String: (id: Int, keyword: Bool)] = [:]
        /// The same for tokens of at most 8 ASCII bytes, by ``PackedWord`` (case folded).
        var packed: [UInt64: (id: Int, keyword: Bool)] = [:]
        var stemIDs: [String: Int] = [:]
        var stems: [String] = []
    }

    /// - Parameter expectedTokens: a hint for the number of distinct tokens (sizes the memo).
    init(language: String, stopwords: StopwordList, expectedTokens: Int = 0) {
        self.stemmer = SnowballStemmer(language: language)
        self.stopwords = stopwords
        memo.tokens.reserveCapacity(expectedTokens / 4)
        memo.packed.reserveCapacity(expectedTokens)
        memo.stemIDs.reserveCapacity(expectedTokens / 2)
    }

    func terms(of sentence: String) -> [Term] {
        tokenizer.tokenize(sentence).compactMap { token in
            let (id, keyword) = lookUp(token)
            guard id >= 0 else { return nil }
            return Term(surface: token, stem: memo.stems[id], id: id, isKeywordCandidate: keyword)
        }
    }

    /// The stem id of a content token (-1 for a stopword or a token without a letter), and
    /// whether it may be a keyword.
    private func lookUp(_ token: String) -> (id: Int, keyword: Bool) {
        // Both answers ignore letter case, so short ASCII tokens are looked up by their packed
        // lower-case bytes: an integer key instead of hashing a String.
        let packed = PackedWord(token.utf8)
        if let packed, let known = memo.packed[packed.bits] { return known }
        if packed == nil, let known = memo.tokens[token] { return known }
        let lower = StopwordList.folded(token)
        var id = -1
        if !stopwords.containsLowercased(lower),
           lower.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            let stem = stemmer.stem(lowercased: Self.strippingPossessive(lower))
            if let known = memo.stemIDs[stem] {
                id = known
            } else {
                id = memo.stems.count
                memo.stems.append(stem)
                memo.stemIDs[stem] = id
            }
        }
        let entry = (id, id >= 0 && KeywordExtractor.isCandidate(token))
        if let packed { memo.packed[packed.bits] = entry } else { memo.tokens[token] = entry }
        return entry
    }

    /// `word` without a final possessive `'s` / `’s` when at least one character is left.
    static func strippingPossessive(_ word: String) -> String {
        // Byte tests: `hasSuffix` compares by characters and is costly on the hot path.
        let utf8 = word.utf8
        let suffixLength: Int
        if utf8.count >= 2, utf8.last == UInt8(ascii: "s"), utf8.dropLast().last == UInt8(ascii: "'") {
            suffixLength = 2
        } else if utf8.count >= 4, utf8.suffix(4).elementsEqual([0xE2, 0x80, 0x99, UInt8(ascii: "s")]) {
            suffixLength = 4
        } else {
            return word
        }
        guard word.count > 2 else { return word }
        return String(decoding: utf8.dropLast(suffixLength), as: UTF8.self)
    }
}
