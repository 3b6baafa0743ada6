import Summarizer

/// Chooses an entry's title when the article has no headline line.
enum ArticleTitle {
    /// The file name made readable (extension dropped, `-`/`_` as spaces, first letter capitalised),
    /// unless it is a machine name (ids, hashes, dates: no word of three letters or more that is
    /// not a hex string); then a headline made from the lead sentence (``Headline/make(from:language:)``:
    /// its opening clause cut at a phrase boundary, no `…`).
    static func fallback(fileName: String, leadSentence: String?, language: String = "english") -> String {
        usesLead(fileName: fileName, leadSentence: leadSentence)
            ? Headline.make(from: leadSentence ?? "", language: language) : fromFileName(fileName)
    }

    /// Whether ``fallback(fileName:leadSentence:language:)`` takes the title from the lead sentence.
    static func usesLead(fileName: String, leadSentence: String?) -> Bool {
        let words = fromFileName(fileName).split(separator: " ")
        let meaningful = words.contains { word in
            word.count >= 3 && word.allSatisfy(\.isLetter) && !word.allSatisfy(\.isHexDigit)
        }
        return !meaningful && !(leadSentence ?? "").isEmpty
    }

    /// The file name made readable.
    static func fromFileName(_ name: String) -> String {
        var base = name
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
        let title = base.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).joined(separator: " ")
        guard let first = title.first else { return name }
        return first.uppercased() + title.dropFirst()
    }
}
