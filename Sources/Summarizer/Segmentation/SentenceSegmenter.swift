/// Splits an article body into sentences.
///
/// A rule-based segmenter in the style of the Pragmatic Segmenter / pySBD
/// (Sadvilkar & Neumann, "PySBD: Pragmatic Sentence Boundary Disambiguation", NLP-OSS 2020),
/// tuned to the English "Golden Rules" and to news text:
///
/// - A blank line, a line holding no letter or digit (`* * *`, `—`, `.`), a line ending in
///   a colon, and the end of the text end a sentence even without a terminator. A single line break is a space,
///   except before a bullet line (`- `, `* `, `• `, `1. `, `2) `), which starts a new segment.
/// - `.` `!` `?` and `…` end a sentence when followed by white space and a word that does
///   not start in lower case, or that mixes cases after a lower-case first letter (`iPhone`,
///   `eBay`, `iOS`); closing quotes and brackets after the terminator stay with
///   the sentence (`?”`). A period after an inflected word (one the language's Snowball
///   stemmer takes an ending of two or more letters from, `κανένας. το`) ends a sentence
///   before a lower-case word too: abbreviations are cut before the ending. Abbreviations (`Dr.`, `Inc.`, `U.S.`, `e.g.`), initials
///   (`J. R. Hollis`), numbers (`4.50`, `192.168.10.20`), URLs and e-mail addresses are
///   not ends. After an abbreviation that may end a sentence, a break needs a typical
///   sentence opener (a capitalised stopword such as `The`, `It`, `How`).
/// - A terminator glued to a capitalised word (`April.The`) is a break; inside URLs and
///   e-mail addresses it is not.
/// - CJK (`。！？`) and Arabic-script (`؟`, `۔`) terminators and the Devanagari danda end
///   a sentence without needing a space.
/// - Ordinals written with a period (`am 3. Oktober`, `im 12.–13. Jahrhundert`) are not ends
///   in languages that use them.
/// - Other languages' abbreviations come from maintained lists (CLDR suppressions through ICU,
///   Moses's nonbreaking prefixes, see ``AbbreviationList``), and their sentence openers from
///   the Snowball stopword lists; the parts of a title (`Dr. med.`, `Dr. rer. nat.`) and a word
///   ending in `.,` (`Dir. Amm.,`) continue an abbreviation.
/// - A terminator followed by a slash, a comma or a colon does not end the sentence, nor one
///   followed by a dialogue dash (the author's words after direct speech: `? – спросила мама`,
///   or more speech inside an open `«…»`); `“` right after a
///   terminator closes a German `„…“` quotation; an ellipsis glued to the next word
///   (`so...Dann`) is a pause; a number after a short capitalised word is its value
///   (`Tel. 3239300`), as edited text does not start a sentence with digits.
/// - A line ending in a colon (`Señores:`) ends its segment.
/// - A segment of more than 60 words with no terminator at all (a transcript without
///   punctuation) is cut into windows of 10–20 consecutive words.
///
/// Segments are returned verbatim (line breaks folded to one space, surrounding white
/// space trimmed); segments without any letter or digit are dropped, except whole lines of
/// that kind when ``keepsSeparatorLines`` is set. Control characters
/// (C0 other than line breaks and tabs, DEL, C1 other than NEL) are read as spaces and come out
/// as spaces.
public struct SentenceSegmenter: Sendable {
    /// The Snowball language name whose abbreviations and sentence openers are used
    /// (English ones always apply too).
    public let language: String
    let abbreviations: AbbreviationList
    let openers: StopwordList
    /// Function words of a language that ``StopwordList`` has no list for (see
    /// ``PerlStopwords``), lower-case; empty otherwise.
    let extraOpeners: Set<String>
    let englishOpeners: StopwordList
    /// Whether a line without any letter or digit (`* * *`, `____`, `—`) comes out as a segment
    /// of its own; otherwise it only separates the text around it.
    public let keepsSeparatorLines: Bool

    /// The longest run of words without a terminator kept as one segment.
    static let maximumUnpunctuatedWords = 60
    /// Target window length, in words, for unpunctuated text.
    static let windowWords = 15

    /// Marks that end a sentence in this language besides `.` `!` `?` `…`: Armenian writes the
    /// full stop `։` (U+0589), often typed as `:`; Greek writes the question mark as `;`
    /// (U+037E, usually typed as the ASCII semicolon). Unicode's Sentence_Terminal property
    /// and CLDR's exemplar punctuation describe these orthographies.
    let languageTerminators: [Unicode.Scalar]

    static func terminators(language: String) -> [Unicode.Scalar] {
        switch language {
        case "armenian": return ["\u{0589}", ":"]
        case "greek": return ["\u{037E}", ";"]
        default: return []
        }
    }

    /// Whether `scalar` ends a sentence like `?` does (a Latin terminator or one of this
    /// language's own).
    func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        Self.isLatinTerminator(scalar) || (!languageTerminators.isEmpty && languageTerminators.contains(scalar))
    }

    /// Creates a segmenter for a Snowball language name (`"english"`, `"german"`, …).
    ///
    /// - Parameter keepsSeparatorLines: `true` to return each line without a letter or digit
    ///   (a rule of underscores, `* * *`) as a segment of its own, as `digestd segment` shows the
    ///   whole division of a text; `false` (the default, what summaries use) drops such lines,
    ///   since they are not sentences.
    public init(language: String = "english", keepsSeparatorLines: Bool = false) {
        self.keepsSeparatorLines = keepsSeparatorLines
        self.languageTerminators = Self.terminators(language: language.lowercased())
        self.language = language.lowercased()
        self.abbreviations = AbbreviationList(language: language)
        let stopwords = StopwordList(language: language)
        self.openers = stopwords
        self.extraOpeners = stopwords.isEmpty ? PerlStopwords.words(language: language.lowercased()) : []
        self.englishOpeners = StopwordList(language: "english")
    }

    /// Every sentence of `text`, in order.
    ///
    /// - Parameter text: a body text; any line ending (LF, CRLF, CR) is accepted.
    /// - Returns: the sentences, verbatim with inner line breaks folded to one space;
    ///   empty for empty or blank text.
    /// - Complexity: O(n) in the length of the text.
    public func segment(_ text: String) -> [String] {
        var sentences: [String] = []
        for block in Self.blocks(of: text, keepingSeparatorLines: keepsSeparatorLines) {
            if keepsSeparatorLines, !block.contains(where: Tokenizer.isWordScalar) {
                sentences.append(Self.string(block[...]))
                continue
            }
            var scanner = BoundaryScanner(scalars: block, segmenter: self)
            for range in scanner.sentenceRanges() {
                appendSegment(block[range], to: &sentences)
            }
        }
        return sentences
    }

    /// Adds a trimmed segment, dropping ones without a letter or digit and windowing
    /// long unpunctuated ones.
    private func appendSegment(_ scalars: ArraySlice<Unicode.Scalar>, to sentences: inout [String]) {
        var lower = scalars.startIndex
        var upper = scalars.endIndex
        while lower < upper, Self.isSpace(scalars[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(scalars[upper - 1]) { upper -= 1 }
        let trimmed = scalars[lower..<upper]
        guard trimmed.contains(where: Tokenizer.isWordScalar) else { return }
        if let last = trimmed.last, !Self.isAnyTerminator(last) {
            let words = Self.wordRanges(trimmed)
            if words.count > Self.maximumUnpunctuatedWords {
                for window in Self.windows(of: words) {
                    sentences.append(Self.string(trimmed[window]))
                }
                return
            }
        }
        sentences.append(Self.string(trimmed))
    }

    // MARK: Blocks

    /// Splits text into blocks separated by blank or letterless lines; each block is its
    /// lines joined by one space. A bullet line starts a block of its own. With
    /// `keepingSeparatorLines`, each letterless line that is not blank is a block of its own,
    /// trimmed.
    static func blocks(of text: String, keepingSeparatorLines: Bool = false) -> [[Unicode.Scalar]] {
        var blocks: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        func flush() {
            if !current.isEmpty { blocks.append(current) }
            current = []
        }
        for line in lines(of: text) {
            var lower = line.startIndex
            var upper = line.endIndex
            while lower < upper, isSpace(line[lower]) { lower += 1 }
            while upper > lower, isSpace(line[upper - 1]) { upper -= 1 }
            let trimmed = line[lower..<upper]
            if !trimmed.contains(where: Tokenizer.isWordScalar) {
                flush()
                if keepingSeparatorLines, !trimmed.isEmpty { blocks.append(Array(trimmed)) }
                continue
            }
            if startsWithBullet(trimmed) { flush() }
            if !current.isEmpty { current.append(" ") }
            current.append(contentsOf: trimmed)
            // A line that ends in a colon (a salutation `Señores:`, a heading, the lead-in
            // to a list or quotation set on the lines below) ends its segment.
            if trimmed.last == ":" { flush() }
        }
        flush()
        return blocks
    }

    static func lines(of text: String) -> [ArraySlice<Unicode.Scalar>] {
        let (scalars, breaks) = unicodeScalarsAndLineBreaks(of: text)
        var lines: [ArraySlice<Unicode.Scalar>] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = 0
        for index in breaks {
            lines.append(scalars[start..<index])
            // CR LF is one break.
            start = scalars[index] == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" ? index + 2 : index + 1
        }
        lines.append(scalars[min(start, scalars.count)..<scalars.count])
        return lines
    }

    /// Whether a trimmed line opens with a list marker: `- `, `* `, `• `, `1. `, `2) `, `a) `.
    static func startsWithBullet(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = line.first else { return false }
        let second = line.dropFirst().first
        if isBulletSymbol(first) { return true }
        if first == "-" || first == "*" || first == "+" || first == "\u{2013}" {
            return second.map(isSpace) ?? false
        }
        var index = line.startIndex
        var digits = 0
        while index < line.endIndex, ("0"..."9").contains(line[index]) {
            digits += 1
            index += 1
        }
        guard (1...3).contains(digits), index < line.endIndex else { return false }
        if line[index] == ")" || line[index] == "." {
            let after = line.index(after: index)
            if after < line.endIndex, line[after] == ")" {
                return line.index(after: after) < line.endIndex && isSpace(line[line.index(after: after)])
            }
            // "1. The", "2) Item" — but not "2. 000" or a year "2014."
            return after < line.endIndex && isSpace(line[after])
        }
        return false
    }

    // MARK: Windows

    static func wordRanges(_ scalars: ArraySlice<Unicode.Scalar>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            while index < scalars.endIndex, isSpace(scalars[index]) { index += 1 }
            let start = index
            while index < scalars.endIndex, !isSpace(scalars[index]) { index += 1 }
            if index > start { ranges.append(start..<index) }
        }
        return ranges
    }

    /// Consecutive windows of about ``windowWords`` words, each 10–20 words long when
    /// there are enough words.
    static func windows(of words: [Range<Int>]) -> [Range<Int>] {
        let count = (words.count + windowWords - 1) / windowWords
        var windows: [Range<Int>] = []
        for window in 0..<count {
            let first = window * words.count / count
            let last = (window + 1) * words.count / count - 1
            windows.append(words[first].lowerBound..<words[last].upperBound)
        }
        return windows
    }

    // MARK: Scalar classes

    static func isBulletSymbol(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\u{2022}", "\u{2043}", "\u{25AA}", "\u{25E6}", "\u{2023}", "\u{25CF}", "\u{25A0}", "\u{2219}": return true
        default: return false
        }
    }

    /// Terminators that end a sentence without a following space (CJK, Arabic script, Indic).
    static func isSpacelessTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{FF61}", // 。！？｡
             "\u{061F}", "\u{06D4}",                         // ؟ ۔
             "\u{0964}", "\u{0965}",                         // । ॥
             "\u{1362}", "\u{0589}":                         // Ethiopic ። Armenian ։
            return true
        default:
            return false
        }
    }

    static func isLatinTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "!" || scalar == "?" || scalar == "\u{2026}" || scalar == "\u{203C}" || scalar == "\u{2047}" || scalar == "\u{2048}" || scalar == "\u{2049}"
    }

    static func isAnyTerminator(_ scalar: Unicode.Scalar) -> Bool {
        isLatinTerminator(scalar) || isSpacelessTerminator(scalar) || isCloser(scalar)
    }

    /// Closing quotes and brackets that stay with the sentence before them.
    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "\u{201D}", "\u{2019}", "\u{00BB}", "\u{203A}", ")", "]", "}",
             "\u{300D}", "\u{300F}", "\u{FF09}", "\u{3011}", "\u{300B}", "\u{3009}", "\u{FF02}":
            return true
        default:
            return false
        }
    }

    /// Opening quotes and brackets that may precede the first word of a sentence.
    static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "\u{201C}", "\u{2018}", "\u{201E}", "\u{00AB}", "\u{2039}", "(", "[", "{",
             "\u{00BF}", "\u{00A1}", "\u{300C}", "\u{300E}", "\u{FF08}":
            return true
        default:
            return false
        }
    }

    /// Whether `word` is a typical sentence opener: a capitalised stopword that is not a title.
    func isSentenceOpener(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, first.properties.isUppercase else { return false }
        if abbreviations.isHonorific(word) { return false }
        return openers.contains(word) || englishOpeners.contains(word)
            || (!extraOpeners.isEmpty && extraOpeners.contains(word.lowercased()))
    }
}
