/// The content terms of each sentence, as ``TextAnalyzer`` finds them, numbered: the unit
/// every ranking step compares.
struct TermVectors {
    /// Per sentence: term ids, in token order (with repeats).
    let terms: [[Int]]
    /// Per sentence: distinct term ids, sorted.
    let distinct: [[Int]]

    /// Vectors for sentences already turned into ``TextAnalyzer/Term``s by one
    /// ``TextAnalyzer`` value (their ``TextAnalyzer/Term/id``s must share one numbering).
    /// Ids here are renumbered densely in order of first occurrence.
    init(terms sentenceTerms: [[TextAnalyzer.Term]]) {
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
        distinct = terms.map(Self.sortedDistinct)
    }

    /// The distinct values of `ids`, ascending (sorted, then repeats skipped: no hashing).
    static func sortedDistinct(_ ids: [Int]) -> [Int] {
        let sorted = ids.sorted()
        var distinct: [Int] = []
        distinct.reserveCapacity(sorted.count)
        for id in sorted where id != distinct.last { distinct.append(id) }
        return distinct
    }

    init(sentences: [String], language: String, stopwords: StopwordList) {
        let extractor = TextAnalyzer(language: language, stopwords: stopwords)
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
    /// - Complexity: O(a + b); run for every pair of an article's sentences, so the merge reads
    ///   unchecked buffers and advances without branches.
    static func overlap(_ a: [Int], _ b: [Int]) -> Int {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0, j = 0, shared = 0
                while i < a.count, j < b.count {
                    let x = a[i], y = b[j]
                    shared &+= x == y ? 1 : 0
                    i &+= x <= y ? 1 : 0
                    j &+= x >= y ? 1 : 0
                }
                return shared
            }
        }
    }
}
