/// An e-mail Subject made into a headline: reply and forward prefixes and list tags removed.
///
/// Removed from the front, repeatedly and in any order: the reply and forward prefixes of the
/// common mail clients (`Re:`, `Fwd:`, `Fw:`, `AW:`, `WG:`, `TR:`, `SV:`, `VS:`, `Antw:`,
/// `RV:`, `Enc:`, `Odp:`, `PD:`, `Rif:`, `Vá:`, `回复:`, `转发:` …, case-insensitive, also
/// with a count as in `Re[2]:` or `Re(2):` and with a full-width colon), and list tags in square
/// brackets (`[harbour-news]`, `[EXTERNAL]`) when text follows them. A trailing `(fwd)` is
/// removed too. What is left is trimmed and its runs of white space collapsed.
enum SubjectLine {
    /// - Parameter subject: the decoded Subject header.
    /// - Returns: the headline; empty when the Subject held nothing but prefixes.
    static func title(_ subject: String) -> String {
        var rest = Substring(collapsedSpaces(subject))
        var changed = true
        var rounds = 0
        while changed, rounds < 64 {
            changed = false
            rounds += 1
            rest = rest.drop(while: \.isWhitespace)
            if rest.first == "[", let close = rest.firstIndex(of: "]"),
               rest.distance(from: rest.startIndex, to: close) <= 64,
               rest[rest.index(after: close)...].contains(where: { !$0.isWhitespace }) {
                rest = rest[rest.index(after: close)...]
                changed = true
            } else if let after = afterPrefix(rest) {
                rest = after
                changed = true
            }
        }
        var title = String(rest).trimmingSpaces()
        if title.lowercased().hasSuffix("(fwd)") { title = String(title.dropLast(5)).trimmingSpaces() }
        return title
    }

    /// Reply and forward prefixes, lower case, without the colon.
    private static let prefixes: Set<String> = [
        "re", "fwd", "fw", "aw", "wg", "tr", "sv", "vs", "antw", "antwort", "rv", "enc", "odp", "pd",
        "rif", "res", "vl", "vb", "fs", "ynt", "ilt", "vá", "továbbítás", "отв", "пересл", "回复", "回覆",
        "转发", "轉寄", "答复", "返信", "転送",
    ]

    /// The text after a leading `word:` (or `word[n]:`, `word(n):`, `word：`) whose word is a prefix.
    private static func afterPrefix(_ text: Substring) -> Substring? {
        guard let colon = text.prefix(16).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        var word = text[..<colon]
        if let open = word.firstIndex(where: { $0 == "[" || $0 == "(" }),
           word.last == "]" || word.last == ")",
           word[word.index(after: open)..<word.index(before: word.endIndex)].allSatisfy(\.isNumber) {
            word = word[..<open]
        }
        guard prefixes.contains(String(word).trimmingSpaces().lowercased()) else { return nil }
        return text[text.index(after: colon)...]
    }

    private static func collapsedSpaces(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
