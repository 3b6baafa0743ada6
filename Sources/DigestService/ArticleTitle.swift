/// Chooses an entry's title when the article has no headline line.
enum ArticleTitle {
    /// Longest title taken from a lead sentence, in characters.
    static let maxLeadCharacters = 90

    /// The file name made readable (extension dropped, `-`/`_` as spaces, first letter capitalised),
    /// unless it is a machine name (ids, hashes, dates: no word of three letters or more that is
    /// not a hex string); then the lead sentence, cut at a word boundary with `…`.
    static func fallback(fileName: String, leadSentence: String?) -> String {
        let fromName = fromFileName(fileName)
        let words = fromName.split(separator: " ")
        let meaningful = words.contains { word in
            word.count >= 3 && word.allSatisfy(\.isLetter) && !word.allSatisfy(\.isHexDigit)
        }
        guard !meaningful, let lead = leadSentence, !lead.isEmpty else { return fromName }
        if lead.count <= maxLeadCharacters { return lead }
        var cut = String(lead.prefix(maxLeadCharacters))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        while let last = cut.last, last.isPunctuation { cut.removeLast() }
        return cut + "…"
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
