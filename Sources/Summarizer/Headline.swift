/// Makes a short headline for an article that has none, from its first sentence.
///
/// The headline is the sentence's opening clause, cut at a phrase boundary so that it fits
/// in ``maximumCharacters``: the cut falls after a comma, semicolon, colon or dash, or before
/// a function word (a stopword of the article's language: `with`, `in`, `that`, …), and
/// trailing function words and punctuation are dropped. It never ends inside a word and
/// carries no `…`. A sentence that fits whole is used whole, without its final period. This
/// follows the "first sentence compression" baseline for headline generation (Dorr, Zajic &
/// Schwartz, "Hedge Trimmer: A Parse-and-Trim Approach to Headline Generation", HLT-NAACL
/// 2003 DUC workshop), trimming at the first phrase boundary instead of with a parser.
package enum Headline {
    /// The longest headline made, in characters.
    package static let maximumCharacters = 80
    /// A cut is not made before this many characters (too short to say anything).
    static let minimumCharacters = 25

    /// The headline for a first sentence; `sentence` itself (trimmed) when it has no words.
    ///
    /// - Parameters:
    ///   - sentence: the article's first sentence.
    ///   - language: the Snowball language name whose stopwords mark phrase boundaries.
    package static func make(from sentence: String, language: String = "english") -> String {
        let trimmed = sentence.trimmingWhitespace()
        let stopwords = StopwordList(language: language)
        if trimmed.count <= maximumCharacters { return strippingEnd(trimmed, stopwords: stopwords, keepWords: true) }
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        guard !words.isEmpty else { return trimmed }
        var best: String?
        var length = 0
        var kept: [Substring] = []
        for (index, word) in words.enumerated() {
            let added = length + (kept.isEmpty ? 0 : 1) + word.count
            if added > maximumCharacters { break }
            kept.append(word)
            length = added
            guard length >= minimumCharacters else { continue }
            let next = index + 1 < words.count ? words[index + 1] : nil
            let endsClause = word.last.map { ",;:".contains($0) } ?? false
            let beforeFunctionWord = next.map { stopwords.containsLowercased(StopwordList.folded(String($0))) } ?? true
            let beforeDash = next.map { $0 == "—" || $0 == "–" || $0 == "-" || $0 == "--" } ?? false
            if endsClause || beforeFunctionWord || beforeDash {
                best = kept.joined(separator: " ")
                if endsClause { break } // the first clause is the main one
            }
        }
        let chosen = best ?? kept.joined(separator: " ")
        guard !chosen.isEmpty else { return String(trimmed.prefix(maximumCharacters)) }
        return strippingEnd(chosen, stopwords: stopwords, keepWords: false)
    }

    /// `text` without closing punctuation and, unless `keepWords`, trailing function words.
    private static func strippingEnd(_ text: String, stopwords: StopwordList, keepWords: Bool) -> String {
        var words = text.split(separator: " ").map(String.init)
        while words.count > 1 {
            var last = words[words.count - 1]
            while let character = last.last, ",;:.—–-".contains(character) { last.removeLast() }
            words[words.count - 1] = last
            if last.isEmpty || (!keepWords && stopwords.containsLowercased(StopwordList.folded(last))) {
                words.removeLast()
            } else {
                break
            }
        }
        return words.joined(separator: " ")
    }
}
