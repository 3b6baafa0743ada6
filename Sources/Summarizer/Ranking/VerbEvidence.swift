/// English content words used as verbs in an article, so that keywords hold names and
/// nouns rather than headline verbs (`hits`, `ends`, `calms`).
///
/// The cue is the article's own word order, as in the contextual rules of Brill's tagger
/// (Brill, "A Simple Rule-Based Part of Speech Tagger", ANLP 1992): an article (`the`, `a`,
/// `an`) comes right before a noun (`the strike`) and right after a transitive verb
/// (`hit the coast`, `calms the markets`). A term counts as a verb when it is seen before an
/// article more often than after one. Other languages get no evidence (no term is dropped).
enum VerbEvidence {
    /// English articles (determiners) whose neighbours tell nouns from verbs.
    static let englishArticles: Set<String> = ["the", "a", "an"]

    /// The stem ids (of `analyzer`) of the terms used as verbs in the headline and the first
    /// `limit` sentences.
    static func verbs(title: String?, sentences: [String], language: String, analyzer: TextAnalyzer,
                      limit: Int = 25) -> Set<Int> {
        guard language == "english" else { return [] }
        var before: [Int: Int] = [:]
        var after: [Int: Int] = [:]
        let tokenizer = Tokenizer()
        for text in [title ?? ""] + sentences.prefix(limit) {
            let tokens = tokenizer.tokenize(text)
            for (k, token) in tokens.enumerated() where token.utf8.count <= 3 && englishArticles.contains(token.lowercased()) {
                if k > 0, let id = analyzer.termID(ofToken: tokens[k - 1]) { before[id, default: 0] += 1 }
                if k + 1 < tokens.count, let id = analyzer.termID(ofToken: tokens[k + 1]) { after[id, default: 0] += 1 }
            }
        }
        return Set(before.filter { $0.value > (after[$0.key] ?? 0) }.keys)
    }
}
