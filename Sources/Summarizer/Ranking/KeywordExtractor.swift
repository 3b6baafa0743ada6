/// Picks a handful of key terms of an article by term frequency, after Luhn ("The
/// Automatic Creation of Literature Abstracts", IBM Journal 1958): content words that
/// recur are significant. A term's weight is its number of occurrences, plus two for
/// appearing in the headline, plus a bonus for appearing early; stems are merged and
/// reported in their most frequent surface form (lower-cased unless always capitalised).
struct KeywordExtractor {
    var count = 5

    /// Up to ``count`` keywords, most important first; ties go to the term seen first.
    func keywords(title: String?, sentences: [String], language: String, stopwords: StopwordList) -> [String] {
        let tokenizer = Tokenizer()
        let stemmer = SnowballStemmer(language: language)
        struct Entry {
            var weight = 0.0
            var firstSeen = Int.max
            var surfaces: [String: Int] = [:]
            var surfaceOrder: [String] = []
        }
        var entries: [String: Entry] = [:]
        var order = 0
        func add(_ text: String, bonus: Double, earliness: Double) {
            for token in tokenizer.tokenize(text) {
                let lower = token.lowercased()
                guard lower.count >= 3 || Tokenizer.isSpaceless(lower.unicodeScalars.first ?? " "),
                      !stopwords.contains(lower),
                      lower.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
                      !lower.contains("/"), !lower.contains("@") else { continue }
                let stem = stemmer.stem(TermVectors.strippingPossessive(lower))
                var entry = entries[stem] ?? Entry()
                entry.weight += 1 + bonus + earliness
                entry.firstSeen = min(entry.firstSeen, order)
                if entry.surfaces[token] == nil { entry.surfaceOrder.append(token) }
                entry.surfaces[token, default: 0] += 1
                entries[stem] = entry
                order += 1
            }
        }
        if let title { add(title, bonus: 2, earliness: 0) }
        for (index, sentence) in sentences.enumerated() {
            add(sentence, bonus: 0, earliness: index < 3 ? 0.5 : 0)
        }
        let ranked = entries.values
            .filter { $0.weight >= 2 || sentences.count <= 3 }
            .sorted { ($0.weight, -$0.firstSeen) > ($1.weight, -$1.firstSeen) }
        return ranked.prefix(count).compactMap { entry -> String? in
            // Most frequent surface form; first seen on a tie.
            guard let surface = entry.surfaceOrder.max(by: { (entry.surfaces[$0] ?? 0, -(entry.surfaceOrder.firstIndex(of: $0) ?? 0)) < (entry.surfaces[$1] ?? 0, -(entry.surfaceOrder.firstIndex(of: $1) ?? 0)) }) else { return nil }
            let alwaysCapitalised = entry.surfaceOrder.allSatisfy { $0.first?.isUppercase ?? false }
            return alwaysCapitalised ? surface : surface.lowercased()
        }
    }
}
