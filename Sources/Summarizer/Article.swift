/// An article split into its headline and body.
package struct Article: Sendable, Equatable {
    /// The headline, or `nil` when the text has none.
    package let title: String?
    /// The body text, everything after the headline and its blank line.
    package let body: String

    /// Splits a whole article text into headline and body.
    ///
    /// Title rule: the first non-empty line is the headline when a blank line follows it
    /// and it does not end like a sentence (`.`, `!`, `?`, `…`, `。`, `؟`, …) and is short
    /// (at most 25 words and 250 characters). A text of a
    /// single line that does not end like a sentence is a headline with an empty body
    /// (`Storm warning for the coast`). Otherwise the whole text is the body.
    /// Line endings may be LF, CRLF or CR.
    package init(text: String) {
        let lines = SentenceSegmenter.lines(of: text)
        guard let first = lines.firstIndex(where: { !Self.isBlank($0) }) else {
            self.init(title: nil, body: "")
            return
        }
        let candidate = SentenceSegmenter.string(lines[first]).trimmingWhitespace()
        let rest = lines[(first + 1)...]
        let blankFollows = rest.first.map(Self.isBlank) ?? false
        if blankFollows || rest.allSatisfy(Self.isBlank), Self.looksLikeHeadline(candidate) {
            self.init(title: candidate, body: SentenceSegmenter.joined(rest).trimmingWhitespace())
        } else {
            self.init(title: nil, body: text)
        }
    }

    /// Whether a line holds only white space (as `Character.isWhitespace` judges it).
    static func isBlank(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        var onlyASCII = true
        for scalar in line {
            if scalar.value < 0x80 {
                // An ASCII scalar always starts a character of its own.
                if !SentenceSegmenter.isSpace(scalar) { return false }
            } else {
                onlyASCII = false
            }
        }
        return onlyASCII || SentenceSegmenter.string(line).allSatisfy(\.isWhitespace)
    }

    /// An article whose headline is already known, for example an e-mail Subject.
    package init(title: String?, body: String) {
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
        // The last scalar that is neither a closing quote or bracket nor white space.
        guard let last = line.unicodeScalars.reversed().first(where: {
            !(SentenceSegmenter.isCloser($0) || SentenceSegmenter.isSpace($0))
        }) else { return false }
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

extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes: in place for a native (contiguous) string,
    /// from a copy otherwise.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension String {
    /// The first `count` characters, like `prefix(_:)`, but without walking the grapheme
    /// clusters when the string has no more UTF-8 bytes than `count` (then it is whole).
    func characterPrefix(_ count: Int) -> Substring {
        utf8.count <= count ? self[...] : prefix(count)
    }
}
