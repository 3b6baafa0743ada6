/// Sentence-level coherence cues for extractive summaries: a sentence that needs the one
/// before it to be understood, or that leaves a quotation open.
///
/// These are the surface cues that the discourse-aware extractive systems use for dangling
/// references and unbalanced quotes (pronoun and demonstrative openers whose antecedent lies
/// in an unselected sentence: Nenkova, "Entity-driven rewrite for multi-document
/// summarization", IJCNLP 2008, and Christensen, Mausam, Soderland & Etzioni, "Towards
/// Coherent Multi-Document Summarization", NAACL 2013), reduced to the first word and to
/// counting quotation marks.
enum Coherence {
    /// English personal pronouns and demonstratives that, opening a sentence, refer back to
    /// something said before (`He was on a night out…`, `This meant…`). Only English has a
    /// list: other languages get no cue (never a wrong one).
    static let englishBackReferences: Set<String> = [
        "he", "she", "it", "they", "him", "her", "his", "its", "their", "them",
        "this", "these", "those",
    ]

    /// Whether `sentence` opens with a pronoun or demonstrative that refers back (after any
    /// opening quotation mark or bracket, and after a leading `And`/`But`).
    static func opensWithBackReference(_ sentence: String, language: String) -> Bool {
        guard language == "english" else { return false }
        var words = sentence.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).prefix(3).makeIterator()
        guard var word = words.next().map(Self.bare) else { return false }
        if word == "and" || word == "but" {
            guard let next = words.next() else { return false }
            word = Self.bare(next)
        }
        return englishBackReferences.contains(word)
    }

    /// `word` lower-cased without surrounding punctuation (quotes, brackets, commas).
    private static func bare(_ word: Substring) -> String {
        let trimmed = word.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed()
        return String(trimmed).lowercased()
    }

    /// Whether `sentence` opens a quotation it does not close: more `“` than `”`, or `«`
    /// than `»`, or an odd number of straight `"` with the first one opening (at the start
    /// or after a space).
    static func leavesQuotationOpen(_ sentence: String) -> Bool {
        var curlyOpen = 0, curlyClose = 0, guillemetOpen = 0, guillemetClose = 0, straight = 0
        var firstStraightOpens = false
        var previous: Unicode.Scalar = " "
        for scalar in sentence.unicodeScalars {
            switch scalar {
            case "\u{201C}": curlyOpen += 1
            case "\u{201D}": curlyClose += 1
            case "\u{00AB}": guillemetOpen += 1
            case "\u{00BB}": guillemetClose += 1
            case "\"":
                if straight == 0 { firstStraightOpens = previous.properties.isWhitespace || "([".unicodeScalars.contains(previous) }
                straight += 1
            default: break
            }
            previous = scalar
        }
        return curlyOpen > curlyClose || guillemetOpen > guillemetClose || (straight % 2 == 1 && firstStraightOpens)
    }
}
