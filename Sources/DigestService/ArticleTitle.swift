import Summarizer

/// Chooses an entry's title when the article has no headline line.
enum ArticleTitle {
    /// A headline made from the lead sentence (``Headline/make(from:language:)``: its opening
    /// clause cut at a phrase boundary, no `…`), unless the file name looks like words a person
    /// chose (``isChosenName(_:)``); then the file name made readable (extension dropped,
    /// `-`/`_` as spaces, first letter capitalised). Without a lead sentence, the file name.
    static func fallback(fileName: String, leadSentence: String?, language: String = "english") -> String {
        usesLead(fileName: fileName, leadSentence: leadSentence)
            ? Headline.make(from: leadSentence ?? "", language: language) : fromFileName(fileName)
    }

    /// Whether ``fallback(fileName:leadSentence:language:)`` takes the title from the lead sentence.
    static func usesLead(fileName: String, leadSentence: String?) -> Bool {
        !isChosenName(fileName) && !(leadSentence ?? "").isEmpty
    }

    /// Whether a file name reads as words a person chose (`council_budget_vote.md`): at least
    /// two alphabetic words of two letters or more (not hex strings), and no token that is
    /// mostly digits (three or more, over half the token: a short case number such as
    /// `f08-orchard-harvest.txt` stays). Ids, hashes, dates and corpus names
    /// (`cnndm-test-000627.txt`, `F36-transcript.txt`, `2026-11-29-0001.txt`) are machine
    /// names: the lead sentence titles the entry better.
    static func isChosenName(_ fileName: String) -> Bool {
        let tokens = fromFileName(fileName).split(separator: " ")
        let words = tokens.filter { $0.count >= 2 && $0.allSatisfy(\.isLetter) && !$0.allSatisfy(\.isHexDigit) }
        let mostlyDigits = tokens.contains { token in
            let digits = token.filter(\.isNumber).count
            return digits >= 3 && digits * 2 > token.count
        }
        return words.count >= 2 && !mostlyDigits
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
