/// English content words used as verbs in an article, so that keywords hold names and
/// nouns rather than headline verbs (`hits`, `ends`, `calms`).
///
/// The cue is the article's own word order, as in the contextual rules of Brill's tagger
/// (Brill, "A Simple Rule-Based Part of Speech Tagger", ANLP 1992): an article (`the`, `a`,
/// `an`) comes right before a noun (`the strike`) and right after a transitive verb
/// (`hit the coast`, `calms the markets`). A term counts as a verb when it is seen before an
/// article more often than after one. ``TextAnalyzer`` notes both cues on each term as it
/// tokenizes; ``KeywordExtractor`` counts them. Only English uses the cue (no term of
/// another language is dropped).
enum VerbEvidence {
    /// Whether the evidence applies to a language.
    static func applies(to language: String) -> Bool { language == "english" }

    /// Whether a term seen `before` times in front of an article and `after` times behind one
    /// is used as a verb.
    static func isVerb(before: Int, after: Int) -> Bool { before > after }

    /// Whether `token` is `the`, `a` or `an` (any case), on its bytes.
    static func isArticle(_ token: String) -> Bool {
        let utf8 = token.utf8
        guard (1...3).contains(utf8.count) else { return false }
        var letters = utf8.makeIterator()
        let first = (letters.next() ?? 0) | 0x20
        let second = letters.next().map { $0 | 0x20 }
        let third = letters.next().map { $0 | 0x20 }
        switch (first, second, third) {
        case (UInt8(ascii: "a"), nil, nil), (UInt8(ascii: "a"), UInt8(ascii: "n"), nil),
             (UInt8(ascii: "t"), UInt8(ascii: "h"), UInt8(ascii: "e")):
            return true
        default:
            return false
        }
    }
}
