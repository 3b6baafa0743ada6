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

    /// Whether a token is `the`, `a` or `an` (any case), by its ``PackedWord`` (`nil` for a
    /// token longer than 8 bytes or not ASCII, which is none of them): every case of them packs
    /// to the same lower-case bits.
    static func isArticle(_ token: PackedWord?) -> Bool {
        guard let bits = token?.bits else { return false }
        return bits == packedThe || bits == packedA || bits == packedAn
    }

    private static let packedThe = PackedWord("the".utf8)?.bits ?? 0
    private static let packedA = PackedWord("a".utf8)?.bits ?? 0
    private static let packedAn = PackedWord("an".utf8)?.bits ?? 0
}
