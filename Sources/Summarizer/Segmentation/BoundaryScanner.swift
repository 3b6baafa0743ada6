/// Finds the sentence boundaries inside one block of text (a paragraph with its line
/// breaks folded). The rules are described on ``SentenceSegmenter``.
struct BoundaryScanner {
    private let text: [Unicode.Scalar]
    private let segmenter: SentenceSegmenter
    private var cuts: [Int] = []
    private var segmentStart = 0
    /// End of a list marker at the start of the current segment; terminators before it
    /// belong to the marker (`1.`, `a.`), not to a sentence.
    private var markerEnd = 0
    /// The list marker that opened the current segment, so that the next one in sequence
    /// (`2.` after `1.`) starts a new segment even without a terminator.
    private var activeMarker: ListMarker?
    /// The language's stemmer, opened on first need (see ``endsInflectedWord(at:)``): a period
    /// before a lower-case word is rare, and most blocks never need it.
    private var stemmer: SnowballStemmer?

    init(scalars: [Unicode.Scalar], segmenter: SentenceSegmenter) {
        self.text = scalars
        self.segmenter = segmenter
    }

    /// The ranges of the block's segments, untrimmed, in order.
    mutating func sentenceRanges() -> [Range<Int>] {
        startSegment(at: 0)
        let count = text.count
        var index = 0
        while index < count {
            let scalar = text[index]
            if index < markerEnd {
                index += 1
                continue
            }
            if index > segmentStart, SentenceSegmenter.isSpace(text[index - 1]), !SentenceSegmenter.isSpace(scalar) {
                if SentenceSegmenter.isBulletSymbol(scalar) {
                    cut(at: index)
                    continue
                }
                if let active = activeMarker, let marker = ListMarker(in: text, at: index), marker.follows(active) {
                    cut(at: index)
                    continue
                }
            }
            if SentenceSegmenter.isSpacelessTerminator(scalar) {
                var end = index + 1
                while end < count, SentenceSegmenter.isSpacelessTerminator(text[end]) || segmenter.isTerminator(text[end]) { end += 1 }
                while end < count, SentenceSegmenter.isCloser(text[end]) { end += 1 }
                cut(at: end)
                index = end
                continue
            }
            if segmenter.isTerminator(scalar) {
                index = handleLatinTerminator(at: index)
                continue
            }
            index += 1
        }
        var ranges: [Range<Int>] = []
        var start = 0
        for position in cuts + [count] where position > start {
            ranges.append(start..<position)
            start = position
        }
        return ranges
    }

    private mutating func cut(at position: Int) {
        guard position > segmentStart, position < text.count else { return }
        cuts.append(position)
        startSegment(at: position)
    }

    private mutating func startSegment(at position: Int) {
        segmentStart = position
        var first = position
        while first < text.count, SentenceSegmenter.isSpace(text[first]) { first += 1 }
        if let marker = ListMarker(in: text, at: first) {
            activeMarker = marker
            markerEnd = marker.end
        } else {
            activeMarker = nil
            markerEnd = first
        }
    }

    // MARK: Latin-script terminators

    /// Handles a run of `.!?…` starting at `index`; returns where scanning continues.
    private mutating func handleLatinTerminator(at index: Int) -> Int {
        let count = text.count
        if text[index] == ".", let spaced = spacedEllipsis(at: index) {
            return handleSpacedEllipsis(at: index, dots: spaced.dots, end: spaced.end)
        }
        var runEnd = index
        var periods = 0
        var others = 0
        while runEnd < count, segmenter.isTerminator(text[runEnd]) {
            if text[runEnd] == "." { periods += 1 } else if text[runEnd] == "\u{2026}" { periods += 3 } else { others += 1 }
            runEnd += 1
        }
        var end = runEnd
        while end < count, isCloser(at: end) { end += 1 }
        let closed = end > runEnd

        // Glued to the next word: decimals, URLs, `U.S`, or a missing space (`April.The`).
        if end < count, !SentenceSegmenter.isSpace(text[end]) {
            // An ellipsis glued to the next word (`anders...So`) marks a pause, not an end.
            if !closed, periods < 2, gluedSentenceBreak(terminator: index, next: runEnd) {
                cut(at: runEnd)
            }
            return max(runEnd, index + 1)
        }
        guard let next = nextWord(after: end) else {
            return end // end of block
        }
        if !closed, others == 0, periods == 1, opensDatelineSource(at: end) { return end }
        if next.continuesSentence || (next.startsWithDash && dashContinues(from: next.start)) { return end }
        let isEllipsis = periods >= 2
        if isEllipsis {
            if index > 0, text[index - 1] == "[" || text[index - 1] == "(" { return end }
            if next.startsUppercase || next.isMixedCase { cut(at: end) }
            return end
        }
        if next.startsLowercase, !next.isMixedCase {
            if !closed, others == 0, periods == 1, endsInflectedWord(at: index) { cut(at: end) }
            return end
        }
        if others > 0 || closed {
            cut(at: end)
            return end
        }
        if periodEndsSentence(at: index, next: next) { cut(at: end) }
        return end
    }

    /// Decides a single period followed by white space and a word that is not lower-case.
    private mutating func periodEndsSentence(at index: Int, next: NextWord) -> Bool {
        let word = wordBefore(index)
        guard !word.isEmpty else { return true }
        let abbreviations = segmenter.abbreviations
        if next.isAbbreviationBeforeComma { return false }
        if let kind = abbreviations.kind(of: word) {
            switch kind {
            case .prepositive: return false
            case .numeric: return !next.startsWithDigit
            case .ordinary: return opensSentence(next)
            }
        }
        // A part of a title chain (`Dr. med. Schulz`) is an abbreviation too: it ends a
        // sentence only before a sentence opener (`allo st. d. arte. Si ringrazia`).
        if continuesTitle(word, at: index) { return opensSentence(next) }
        let scalars = Array(word.unicodeScalars)
        if scalars.count == 1, abbreviations.isLetterAbbreviation(word) { return false }
        if scalars.count == 1, scalars[0].isAlphabeticLetter {
            // An initial (`J. R. Hollis`) unless a sentence opener follows (`you and I. Did`).
            return opensSentence(next)
        }
        if Self.isMultiPeriodAbbreviation(scalars) {
            if opensSentence(next) { return true }
            let upper = scalars.allSatisfy { $0 == "." || $0.isUppercaseLetter }
            return upper && abbreviations.isHonorific(next.word)
        }
        // A range of ordinals (`1.–3. Jahrhundert`, `1. -3.`) reads like a single one.
        let digits = scalars.reversed().prefix(while: { ("0"..."9").contains($0) }).count
        let head = scalars.dropLast(digits)
        let isOrdinal = (1...2).contains(digits)
            && (head.isEmpty || head.last == "-" || head.last == "\u{2013}")
            && head.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "\u{2013}" })
        if abbreviations.usesOrdinalPeriods, isOrdinal {
            // `am 3. Oktober`: an ordinal, unless a sentence opener follows.
            if abbreviations.isMonth(next.word) { return false }
            return opensSentence(next) || next.startsWithDigit
        }
        // Edited text spells out a number that starts a sentence (Chicago Manual of Style
        // 9.5; AP style): a number after a short capitalised word is that word's value,
        // a label such as `Tel. 3239300`, `Ext. 1010`, `Cra. 7`.
        if next.startsWithDigit, (2...3).contains(scalars.count), scalars[0].isUppercaseLetter,
           scalars.dropFirst().allSatisfy({ $0.isLowercaseLetter }) {
            return false
        }
        // A truncated word (`lo psicol. Serenti`) is an abbreviation no list has: it ends a
        // sentence only before a sentence opener, as a listed one does.
        if isTruncation(word) { return opensSentence(next) }
        return true
    }

    /// The language's Snowball stemmer, opened on the first call; nil when libstemmer has no
    /// algorithm for the language.
    private mutating func languageStemmer() -> SnowballStemmer? {
        if stemmer == nil { stemmer = SnowballStemmer(language: segmenter.language) }
        guard let stemmer, stemmer.algorithm != nil else { return nil }
        return stemmer
    }

    /// Whether `word` (before a period) is a word cut short, the way abbreviations are made:
    /// three or more lower-case letters, no ending the Snowball stemmer would take (so not an
    /// inflected word), no stem of the language's Hunspell dictionary, yet the start of a
    /// longer stem there (`psicol` of `psicologo`). See ``HunspellWords``.
    private mutating func isTruncation(_ word: String) -> Bool {
        guard word.unicodeScalars.count >= 3, word.unicodeScalars.allSatisfy({ $0.isLowercaseLetter }) else { return false }
        let dictionary = HunspellWords.words(language: segmenter.language)
        guard !dictionary.isEmpty else { return false }
        guard let stemmer = languageStemmer(), stemmer.stem(lowercased: word) == word else { return false }
        return dictionary.isTruncation(word)
    }

    /// Whether the word before the period at `index` is an inflected word of the language, so
    /// the period ends a sentence even before a lower-case word (`κανένας. το κόστος`).
    ///
    /// Abbreviations are cut before the inflectional ending (`psicol.`, `idraul.`, `dept.`),
    /// so a word from which the language's Snowball stemmer (Porter 2001, libstemmer) strips
    /// an ending of two or more letters is a whole word, not an abbreviation. One letter is not
    /// enough: abbreviations take a plural or genitive `-s` (`Sens.`, `Depts.`). Listed
    /// abbreviations, parts of a title chain and words with digits or inner periods keep
    /// their usual rules (no end before a lower-case word).
    private mutating func endsInflectedWord(at index: Int) -> Bool {
        let word = wordBefore(index)
        guard word.unicodeScalars.count >= 3, word.unicodeScalars.allSatisfy({ $0.isAlphabeticLetter }),
              segmenter.abbreviations.kind(of: word) == nil, !continuesTitle(word, at: index) else { return false }
        guard let stemmer = languageStemmer() else { return false }
        let lower = word.lowercased()
        return stemmer.stem(lowercased: lower).unicodeScalars.count + 2 <= lower.unicodeScalars.count
    }

    /// Whether `next` is a typical sentence opener (see
    /// ``SentenceSegmenter/isSentenceOpener(_:)``); a single letter with a period (`T.`) is
    /// an initial, never an opener.
    private func opensSentence(_ next: NextWord) -> Bool {
        !next.isInitial && segmenter.isSentenceOpener(next.word)
    }

    /// Whether `word` (up to four lower-case letters, before the period at `index`) follows a title
    /// abbreviation: the parts of an academic or professional title (`Dr. med. Meyer`,
    /// `Dr. rer. nat.`) are written as a chain of abbreviations.
    private func continuesTitle(_ word: String, at index: Int, depth: Int = 0) -> Bool {
        // Title parts are short (`med`, `rer`, `nat`, `phil`, `jur`); a longer lower-case word
        // after `St.` is a name in lower-cased text (`st. louis.`).
        guard depth < 4, (1...4).contains(word.unicodeScalars.count),
              word.unicodeScalars.allSatisfy({ $0.isLowercaseLetter }) else { return false }
        var end = index - word.unicodeScalars.count
        while end > segmentStart, SentenceSegmenter.isSpace(text[end - 1]) { end -= 1 }
        guard end > segmentStart, end < index, text[end - 1] == "." else { return false }
        let previous = wordBefore(end - 1)
        if segmenter.abbreviations.kind(of: previous) == .prepositive { return true }
        // Further down the chain: `nat.` of `Dr. rer. nat.`.
        return continuesTitle(previous, at: end - 1, depth: depth + 1)
    }

    /// Whether the scalar at `position` closes a quotation or bracket after a terminator:
    /// a closing mark, or `“` (U+201C) followed by white space or the end, which closes a
    /// German-style `„…“` quotation (in English `“` opens one and never follows a terminator
    /// directly).
    private func isCloser(at position: Int) -> Bool {
        let scalar = text[position]
        if SentenceSegmenter.isCloser(scalar) { return true }
        guard scalar == "\u{201C}" else { return false }
        return position + 1 == text.count || SentenceSegmenter.isSpace(text[position + 1])
    }

    /// `U.S`, `e.g`, `a.m`, `z.B`, `Ph.D` — letters separated by single periods.
    static func isMultiPeriodAbbreviation(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.contains(".") else { return false }
        let parts = scalars.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            (1...2).contains(part.count) && part.allSatisfy { $0.isAlphabeticLetter }
        }
    }

    /// A terminator with no space before a capitalised word: `April.The`, `rules.A single`.
    private func gluedSentenceBreak(terminator index: Int, next: Int) -> Bool {
        let count = text.count
        guard next < count, text[next].isUppercaseLetter else { return false }
        if next + 1 < count {
            let after = text[next + 1]
            guard after.isLowercaseLetter || SentenceSegmenter.isSpace(after) else { return false }
        }
        // The word before: at least two letters, not all capitals.
        var start = index
        while start > 0, text[start - 1].isAlphabeticLetter { start -= 1 }
        let letters = text[start..<index]
        guard letters.count >= 2, letters.contains(where: { $0.isLowercaseLetter }) else { return false }
        if start > 0, !SentenceSegmenter.isSpace(text[start - 1]), !SentenceSegmenter.isOpener(text[start - 1]) {
            return false // part of a longer token such as a domain name
        }
        // Not inside a URL or an e-mail address.
        var tokenEnd = next
        while tokenEnd < count, !SentenceSegmenter.isSpace(text[tokenEnd]) { tokenEnd += 1 }
        let token = text[start..<tokenEnd]
        if token.contains("@") || token.contains("/") { return false }
        return true
    }

    /// Whether white space at `position` leads to a parenthesised source and a dash, the
    /// tail of a dateline (`HAYWARD, Calif. (AP) — The …`): the period before it is an
    /// abbreviated place, not an end.
    private func opensDatelineSource(at position: Int) -> Bool {
        var index = position
        while index < text.count, SentenceSegmenter.isSpace(text[index]) { index += 1 }
        guard index < text.count, text[index] == "(" else { return false }
        var close = index + 1
        while close < text.count, close - index <= 32, text[close] != ")" { close += 1 }
        guard close < text.count, text[close] == ")" else { return false }
        var after = close + 1
        while after < text.count, SentenceSegmenter.isSpace(text[after]) { after += 1 }
        guard after < text.count else { return false }
        return text[after] == "\u{2014}" || text[after] == "\u{2013}"
            || (text[after] == "-" && after + 1 < text.count && (text[after + 1] == "-" || SentenceSegmenter.isSpace(text[after + 1])))
    }

    // MARK: Spaced ellipsis (`. . .`)

    /// If `index` starts `. . .` (periods separated by single spaces) or is a period
    /// glued to a word followed by ` . . .`, the number of periods and the end.
    private func spacedEllipsis(at index: Int) -> (dots: Int, end: Int)? {
        var dots = 1
        var position = index + 1
        while position + 1 < text.count, text[position] == " ", text[position + 1] == "." {
            dots += 1
            position += 2
        }
        return dots >= 3 ? (dots, position) : nil
    }

    private mutating func handleSpacedEllipsis(at index: Int, dots: Int, end dotsEnd: Int) -> Int {
        var end = dotsEnd
        while end < text.count, SentenceSegmenter.isCloser(text[end]) { end += 1 }
        guard let next = nextWord(after: end) else { return end }
        let attached = index > 0 && !SentenceSegmenter.isSpace(text[index - 1])
        if attached, dots >= 4 {
            // `compounds. . . . The`: the first period ends the sentence and the ellipsis
            // opens the next one.
            if next.startsUppercase { cut(at: index + 1) }
            return end
        }
        if dots >= 4, next.startsUppercase { cut(at: end) }
        return end
    }

    // MARK: Words around a position

    struct NextWord {
        /// The next token with leading quotes and brackets removed and trailing punctuation kept off.
        let word: String
        let startsUppercase: Bool
        let startsLowercase: Bool
        let startsWithDigit: Bool
        /// Lower-case first letter with an upper-case letter later (`iPhone`, `eBay`, `iOS`):
        /// a name that may open a sentence, unlike an all-lower-case word (`e.g. the`).
        let isMixedCase: Bool
        /// One letter followed by a period (`T.` of `Z. T.`): an initial.
        let isInitial: Bool
        /// A word followed by a period and a comma (`Amm.,`): an abbreviation inside a
        /// sentence, the next part of a chain such as `Dir. Amm.`.
        let isAbbreviationBeforeComma: Bool
        /// The token opens with a mark that no sentence starts with: a slash (a verse or
        /// line divider), a comma or a colon.
        let continuesSentence: Bool
        /// The token opens with a dash (see ``dashContinues(from:)``).
        let startsWithDash: Bool
        /// Where the token starts.
        let start: Int
    }

    /// Whether the dash that starts the token at `start` continues the sentence before it:
    /// the author's words after direct speech (`? – спросила мама`, a lower-case word after
    /// the dash), or more direct speech inside a quotation still open (`«… мама. – Завтра …»`).
    /// Otherwise (`A medic is called. -- An autopsy …`, a list item) the usual rules apply.
    private func dashContinues(from start: Int) -> Bool {
        var index = start
        while index < text.count, Self.isDash(text[index]) { index += 1 }
        while index < text.count, SentenceSegmenter.isSpace(text[index]) { index += 1 }
        if index < text.count, text[index].isLowercaseLetter { return true }
        var guillemets = 0
        var lowQuotes = 0
        for scalar in text[segmentStart..<start] {
            switch scalar {
            case "\u{00AB}": guillemets += 1
            case "\u{00BB}": guillemets -= 1
            case "\u{201E}": lowQuotes += 1
            case "\u{201C}": lowQuotes -= 1
            default: break
            }
        }
        return guillemets > 0 || lowQuotes > 0
    }

    /// The word after the white space at `position`, or `nil` at the end of the block.
    private func nextWord(after position: Int) -> NextWord? {
        var index = position
        while index < text.count, SentenceSegmenter.isSpace(text[index]) { index += 1 }
        guard index < text.count else { return nil }
        let tokenStart = index
        while index < text.count, SentenceSegmenter.isOpener(text[index]) { index += 1 }
        var end = index
        while end < text.count, Tokenizer.isWordScalar(text[end]) || text[end] == "'" || text[end] == "\u{2019}" { end += 1 }
        let first = index < text.count ? text[index] : text[tokenStart]
        let word = SentenceSegmenter.string(text[index..<end])
        let startsLowercase = first.isLowercaseLetter
        let periodAfter = end < text.count && text[end] == "." && end > index
        let leading = text[tokenStart]
        return NextWord(
            word: word,
            startsUppercase: first.isUppercaseLetter,
            startsLowercase: startsLowercase,
            startsWithDigit: ("0"..."9").contains(first),
            isMixedCase: startsLowercase && index < end && text[(index + 1)..<end].contains { $0.isUppercaseLetter },
            isInitial: periodAfter && end - index == 1 && first.isAlphabeticLetter,
            isAbbreviationBeforeComma: periodAfter && end + 1 < text.count && text[end + 1] == ","
                && text[index..<end].allSatisfy { $0.isAlphabeticLetter },
            continuesSentence: Self.continuesSentence(leading),
            startsWithDash: Self.isDash(leading),
            start: tokenStart)
    }

    /// Marks that no sentence starts with (see ``NextWord/continuesSentence``).
    static func continuesSentence(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "/" || scalar == "," || scalar == ";" || scalar == ":"
    }

    /// Hyphen-minus and the Unicode dashes.
    static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": return true
        default: return false
        }
    }

    /// The token before the period at `index` (back to white space), without leading
    /// quotes or brackets.
    private func wordBefore(_ index: Int) -> String {
        var start = index
        while start > segmentStart, !SentenceSegmenter.isSpace(text[start - 1]) { start -= 1 }
        var wordStart = start
        while wordStart < index, SentenceSegmenter.isOpener(text[wordStart]) { wordStart += 1 }
        return SentenceSegmenter.string(text[wordStart..<index])
    }
}

/// A list marker at the start of an item: `1.`, `2)`, `3.)`, `a.`, `b)`, optionally after
/// a bullet symbol (`• 9.`, `⁃10.`).
struct ListMarker: Equatable {
    enum Style: Equatable { case numberPeriod, numberParen, numberPeriodParen, letterPeriod, letterParen }
    let style: Style
    let value: Int
    /// Index just past the marker.
    let end: Int

    init?(in text: [Unicode.Scalar], at start: Int) {
        var index = start
        if index < text.count, SentenceSegmenter.isBulletSymbol(text[index]) {
            index += 1
            while index < text.count, text[index] == " " { index += 1 }
        }
        var value = 0
        var digits = 0
        while index < text.count, let digit = text[index].properties.numericType == .decimal ? Int(String(text[index])) : nil, digits < 3 {
            value = value * 10 + digit
            digits += 1
            index += 1
        }
        var isLetter = false
        if digits == 0 {
            guard index < text.count, ("a"..."z").contains(text[index]) else { return nil }
            value = Int(text[index].value - Unicode.Scalar("a").value) + 1
            isLetter = true
            index += 1
        }
        guard index < text.count else { return nil }
        let style: Style
        if text[index] == "." {
            if index + 1 < text.count, text[index + 1] == ")", !isLetter {
                style = .numberPeriodParen
                index += 2
            } else {
                style = isLetter ? .letterPeriod : .numberPeriod
                index += 1
            }
        } else if text[index] == ")" {
            style = isLetter ? .letterParen : .numberParen
            index += 1
        } else {
            return nil
        }
        // A marker is followed by white space and then a word.
        guard index + 1 < text.count, SentenceSegmenter.isSpace(text[index]), !SentenceSegmenter.isSpace(text[index + 1]) else { return nil }
        if isLetter, style == .letterPeriod, index + 1 < text.count, !text[index + 1].isUppercaseLetter { return nil }
        self.style = style
        self.value = value
        self.end = index
    }

    /// Whether this marker is the next item after `previous` (same style, value + 1).
    func follows(_ previous: ListMarker) -> Bool {
        style == previous.style && value == previous.value + 1
    }
}
