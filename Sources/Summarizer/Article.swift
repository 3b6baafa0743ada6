/// An article split into its headline and body.
public struct Article: Sendable, Equatable {
    /// The headline, or `nil` when the text has none.
    public let title: String?
    /// The body text, everything after the headline and its blank line.
    public let body: String

    /// Splits a whole article text into headline and body.
    ///
    /// Title rule: the first non-empty line is the headline when a blank line follows it
    /// and it does not end like a sentence (`.`, `!`, `?`, `…`, `。`, `؟`, …) and is short
    /// (at most 25 words and 250 characters). A text of a
    /// single line that does not end like a sentence is a headline with an empty body
    /// (`Storm warning for the coast`). Otherwise the whole text is the body.
    /// Line endings may be LF, CRLF or CR.
    public init(text: String) {
        let lines = SentenceSegmenter.lines(of: text).map { SentenceSegmenter.string($0) }
        let isBlank: (String) -> Bool = { $0.allSatisfy(\.isWhitespace) }
        guard let first = lines.firstIndex(where: { !isBlank($0) }) else {
            self.init(title: nil, body: "")
            return
        }
        let candidate = lines[first].trimmingWhitespace()
        let rest = lines[(first + 1)...]
        let blankFollows = rest.first.map(isBlank) ?? false
        let onlyLine = rest.allSatisfy(isBlank)
        if blankFollows || onlyLine, Self.looksLikeHeadline(candidate) {
            self.init(title: candidate, body: rest.joined(separator: "\n").trimmingWhitespace())
        } else {
            self.init(title: nil, body: text)
        }
    }

    /// An article whose headline is already known, for example an e-mail Subject.
    public init(title: String?, body: String) {
        self.title = title
        self.body = body
    }

    /// Headlines are short and do not end like a sentence.
    static let maximumHeadlineWords = 25
    static let maximumHeadlineCharacters = 250

    static func looksLikeHeadline(_ line: String) -> Bool {
        !endsLikeSentence(line)
            && line.count <= maximumHeadlineCharacters
            && line.split(whereSeparator: \.isWhitespace).count <= maximumHeadlineWords
    }

    static func endsLikeSentence(_ line: String) -> Bool {
        var scalars = Array(line.unicodeScalars)
        while let last = scalars.last, SentenceSegmenter.isCloser(last) || SentenceSegmenter.isSpace(last) { scalars.removeLast() }
        guard let last = scalars.last else { return false }
        return SentenceSegmenter.isLatinTerminator(last) || SentenceSegmenter.isSpacelessTerminator(last)
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space (including line breaks).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        // Slicing a Substring's scalar view copies the UTF-8 bytes in one go; building a new
        // UnicodeScalarView appends scalar by scalar (a fifth of all summarizer time).
        return String(Substring(self).unicodeScalars[start...end])
    }
}
