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
        // On the UTF-8 bytes: this runs for every ranked sentence.
        return sentence.withUTF8Bytes { bytes in
            var index = 0
            var word = firstWord(bytes, from: &index)
            if word == "and" || word == "but" { word = firstWord(bytes, from: &index) }
            guard let word else { return false }
            return englishBackReferences.contains(word)
        }
    }

    /// The next word of ASCII letters at or after `index` (skipping at most a few bytes of
    /// quotes, brackets and spaces), lower-cased; nil when it is longer than five letters, is
    /// followed by another letter-like byte (`Helen`, `Hé`) or is not there.
    private static func firstWord(_ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int) -> String? {
        var skipped = 0
        while index < bytes.count, !isASCIILetter(bytes[index]) {
            // Letters of other scripts or digits start a word that is no English pronoun.
            if bytes[index] >= 0xC0 && bytes[index] != 0xE2 && bytes[index] != 0xC2 { return nil }
            if (0x30...0x39).contains(bytes[index]) { return nil }
            index += 1
            skipped += 1
            if skipped > 6 { return nil }
        }
        let start = index
        while index < bytes.count, isASCIILetter(bytes[index]) {
            index += 1
            if index - start > 5 { return nil }
        }
        guard index > start else { return nil }
        if index < bytes.count, bytes[index] >= 0x80 { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).lowercased()
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26
    }

    /// Whether `sentence` opens a quotation it does not close: more `“` than `”`, or `«`
    /// than `»`, or an odd number of straight `"` with the first one opening (at the start
    /// or after a space).
    static func leavesQuotationOpen(_ sentence: String) -> Bool {
        var curlyOpen = 0, curlyClose = 0, guillemetOpen = 0, guillemetClose = 0, straight = 0
        var firstStraightOpens = false
        // On the UTF-8 bytes: ASCII bytes are scalars of their own, so only the others are decoded.
        sentence.withUTF8Bytes { bytes in
            var previousStart = -1
            var index = 0
            while index < bytes.count {
                var length = 1
                if bytes[index] == UInt8(ascii: "\"") {
                    if straight == 0 {
                        let previous: Unicode.Scalar = previousStart < 0 ? " " : Tokenizer.decodeScalar(bytes, at: previousStart).0
                        firstStraightOpens = previous.properties.isWhitespace || "([".unicodeScalars.contains(previous)
                    }
                    straight += 1
                } else if bytes[index] >= 0x80 {
                    let (scalar, scalarLength) = Tokenizer.decodeScalar(bytes, at: index)
                    length = scalarLength
                    switch scalar {
                    case "\u{201C}": curlyOpen += 1
                    case "\u{201D}": curlyClose += 1
                    case "\u{00AB}": guillemetOpen += 1
                    case "\u{00BB}": guillemetClose += 1
                    default: break
                    }
                }
                previousStart = index
                index += length
            }
        }
        return curlyOpen > curlyClose || guillemetOpen > guillemetClose || (straight % 2 == 1 && firstStraightOpens)
    }
}
