import Testing
@testable import Summarizer

/// The byte-level fast paths of the summarizer's hot loops (issue 15, cold pass) give exactly
/// what the character-level code they stand in for gives: on the cases that tell them apart and
/// on many generated strings (a fixed-seed generator, so a failure repeats).
@Suite struct FastPathTests {
    /// Scalars that separate the fast paths from the slow ones: ASCII of every class, the caseless
    /// punctuation the lower-casing fast path accepts, letters with case just outside it (`Ä`,
    /// `ß`, Kelvin sign, Roman numeral, Greek sigma, dotted `İ`), a combining mark, an emoji.
    static let alphabet: [Unicode.Scalar] = [
        "A", "B", "Z", "a", "m", "z", "0", "9", "'", "’", ".", ",", "(", ")", "\"", "“", "”", "-", "—", "…", " ",
        "\u{A0}", "«", "»", "©", "\u{BF}", "\u{C0}", "Ä", "ß", "\u{212A}", "\u{2160}", "\u{2070}", "\u{2071}", "Σ", "İ",
        "\u{301}", "\u{1F600}", "\u{7F}", "\u{1}", "s", "S",
    ]

    /// A deterministic stream of strings of 0–12 scalars from ``alphabet`` (a 64-bit LCG,
    /// Knuth's MMIX constants).
    static func generatedStrings(count: Int, asciiOnly: Bool = false) -> [String] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let letters = asciiOnly ? alphabet.filter(\.isASCII) : alphabet
        return (0..<count).map { _ in
            var scalars = String.UnicodeScalarView()
            for _ in 0..<next(13) { scalars.append(letters[next(letters.count)]) }
            return String(scalars)
        }
    }

    @Test func fastLowercasedIsLowercased() {
        let cases = ["", "ABC", "The “Quoted” Line — Ends…", "Ärger", "STRASSE ß", "\u{212A}ELVIN", "\u{2160}V",
                     "ΟΔΟΣ", "İSTANBUL", "e\u{301}TÉ", "«Citation» ©2024\u{A0}AP", "\u{2070}\u{2071}X"]
        for text in cases + Self.generatedStrings(count: 20_000) {
            #expect(text.fastLowercased() == text.lowercased(), "\(text.unicodeScalars.map { $0.value })")
            #expect(text.dropFirst().fastLowercased() == text.dropFirst().lowercased())
        }
    }

    @Test func theASCIIKeyphraseWordIsTheCharacterWord() {
        let cases = ["Obama", "(Obama's", "Obama's,", "A's", "I's", "Mr.", "U.S.", "\"NATO\"", "McDonald's", "'s",
                     "X", "Xy", "ABC", "AbC)", "(((A)))", "9Lives", "Ok'S"]
        for word in cases + Self.generatedStrings(count: 20_000, asciiOnly: true) {
            let ascii = Array(word.utf8).withUnsafeBufferPointer(Keyphrases.asciiWord)
            let hasWordCharacter = word.contains { $0.isLetter || $0.isNumber }
            #expect((ascii != nil) == hasWordCharacter, "\(word)")
            if let ascii { #expect(ascii == Keyphrases.characterWord(word), "\(word)") }
        }
    }

    @Test func theASCIIFirstWordIsTheFirstLetterRun() {
        for text in ["read the story", "  Visit our site", "...click here", "2 go", "", "123", "réad more",
                     "read\u{301} more", "tap—here"] + Self.generatedStrings(count: 20_000) {
            guard let fast = BoilerplateFilter.asciiFirstWord(text) else { continue }
            #expect(text.split(whereSeparator: { !$0.isLetter }).first.map(String.init) == fast, "\(text)")
        }
    }

    @Test func theByteSearchFindsWhatANaiveSearchFinds() {
        for text in Self.generatedStrings(count: 5_000, asciiOnly: true) {
            let haystack = Array(text.utf8)
            for needle in [[UInt8]("a".utf8), Array("s'".utf8), Array("Zz".utf8), Array(text.utf8.suffix(2)), []] {
                let naive = needle.isEmpty || (haystack.count >= needle.count
                    && (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) })
                #expect(BoilerplateFilter.contains(haystack, needle) == naive, "\(text)")
            }
        }
    }

    @Test func aTokenAnalysedInOneArticleIsAnalysedTheSameInTheNext() {
        // The process-wide token cache hands the second analyser what the first computed; an
        // analyser that computes every token afresh must agree on stems, ids and flags.
        let texts = ["India's floods hit 20,000 homes, officials said; the Floods’ toll rose.",
                     "SAID Officials: FLOODS hit India’s north (again) — 3.5 m people, Muzaffarnagar's mayor says."]
        func fields(_ terms: [TextAnalyzer.Term]) -> [String] {
            terms.map { "\($0.surface)|\($0.stem)|\($0.id)|\($0.isKeywordCandidate)|\($0.ranksOnly)" }
        }
        for _ in 0..<2 {
            let cached = TextAnalyzer(language: "english")
            let fresh = TextAnalyzer(language: "english", stopwords: StopwordList(language: "english"), sharesCache: false)
            for text in texts { #expect(fields(cached.terms(of: text)) == fields(fresh.terms(of: text))) }
        }
        #expect(TokenAnalysisCache.shared(language: "english").count > 0)
    }

    @Test func theQuotationBalanceOnBytesIsTheScalarWalk() {
        // The scalar walk ``Coherence/leavesQuotationOpen(_:)`` used before it read bytes.
        func scalarWalk(_ sentence: String) -> Bool {
            var open = 0, close = 0, guillemetOpen = 0, guillemetClose = 0, straight = 0
            var firstStraightOpens = false
            var previous: Unicode.Scalar = " "
            for scalar in sentence.unicodeScalars {
                switch scalar {
                case "\u{201C}": open += 1
                case "\u{201D}": close += 1
                case "\u{00AB}": guillemetOpen += 1
                case "\u{00BB}": guillemetClose += 1
                case "\"":
                    if straight == 0 { firstStraightOpens = previous.properties.isWhitespace || "([".unicodeScalars.contains(previous) }
                    straight += 1
                default: break
                }
                previous = scalar
            }
            return open > close || guillemetOpen > guillemetClose || (straight % 2 == 1 && firstStraightOpens)
        }
        let cases = ["\"Open", "He said \"yes", "x\"y", "(\"a", "“a”", "“a", "«a", "a\u{A0}\"b", "a\u{2009}\"b", "é\"", ""]
        for sentence in cases + Self.generatedStrings(count: 20_000) {
            #expect(Coherence.leavesQuotationOpen(sentence) == scalarWalk(sentence), "\(sentence.unicodeScalars.map { $0.value })")
        }
    }

    @Test func theScalarPropertyShortcutsAreTheProperties() {
        // Every ASCII scalar (the shortcut) and the Latin-1 and General Punctuation blocks.
        for value in Array(0..<0x250) + Array(0x2000..<0x2070) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            #expect(scalar.isLowercaseLetter == scalar.properties.isLowercase, "\(value)")
            #expect(scalar.isUppercaseLetter == scalar.properties.isUppercase, "\(value)")
            #expect(scalar.isAlphabeticLetter == scalar.properties.isAlphabetic, "\(value)")
            #expect(scalar.isWhitespaceScalar == scalar.properties.isWhitespace, "\(value)")
        }
    }

    @Test func aCollapsedSentenceIsItsOwnCollapsedForm() {
        var spaces: [Unicode.Scalar] = [" ", "\t", "\n", "\u{1}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "\u{1680}",
                                        "\u{2000}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
        spaces += ["\u{200B}", "\u{A1}", "\u{2019}", "\u{201C}", "\u{2060}", "\u{3001}", "\u{169F}"]  // not white space
        var state: UInt64 = 7
        for _ in 0..<20_000 {
            var scalars = String.UnicodeScalarView()
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var bits = state
            for _ in 0..<Int(bits % 9) {
                bits >>= 5
                scalars.append(bits % 3 == 0 ? spaces[Int(bits >> 2) % spaces.count] : "a")
            }
            let text = String(scalars)
            #expect(SentenceSegmenter.isCollapsed(text) == (SentenceSegmenter.collapsingWhitespace(text) == text),
                    "\(text.unicodeScalars.map { $0.value })")
        }
    }

    /// The line split as it was before the decoding pass found the breaks: a walk over the
    /// decoded scalars.
    static func referenceLines(_ text: String) -> [[Unicode.Scalar]] {
        let scalars = text.unicodeScalars.map { SentenceSegmenter.isControl($0) ? " " : $0 }
        var lines: [[Unicode.Scalar]] = []
        var start = 0, index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if ["\n", "\r", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}", "\u{85}"].contains(scalar) {
                lines.append(Array(scalars[start..<index]))
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(Array(scalars[start...]))
        return lines
    }

    @Test func theLineBreaksFoundWhileDecodingAreTheScalarWalks() {
        let breaks: [Unicode.Scalar] = ["\n", "\r", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\t", "\u{1}", "\u{9F}"]
        var state: UInt64 = 11
        var cases = ["", "\n", "\r\n", "\r\r\n", "\r\n\n", "a\r", "\n\r", "one\r\ntwo\rthree\nfour\u{2028}five"]
        for text in Self.generatedStrings(count: 20_000) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var scalars = String.UnicodeScalarView(text.unicodeScalars)
            for k in 0..<Int(state >> 61) {
                let at = scalars.index(scalars.startIndex, offsetBy: Int((state >> (8 * k + 8)) % UInt64(scalars.count + 1)))
                scalars.insert(breaks[Int((state >> (8 * k + 3)) % UInt64(breaks.count))], at: at)
            }
            cases.append(String(scalars))
        }
        for text in cases {
            #expect(SentenceSegmenter.lines(of: text).map(Array.init) == Self.referenceLines(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func distinctTextsAreASetOfTheirBytes() {
        var seen = DistinctTexts(capacity: 4)
        var reference = Set<[UInt8]>()
        // Repeats, and canonically equivalent texts with different bytes (kept apart).
        let texts = Self.generatedStrings(count: 5_000) + Self.generatedStrings(count: 5_000) + ["é", "e\u{301}", "é", "K", "\u{212A}"]
        for text in texts {
            #expect(seen.insert(text) == reference.insert(Array(text.utf8)).inserted, "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func thePackedWordMapIsADictionary() {
        var map = PackedWordMap<Int>()
        var reference: [UInt64: Int] = [:]
        var state: UInt64 = 3
        for step in 0..<50_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Few distinct keys early (overwrites), more later (growth); never 0.
            let key = 1 + (state >> 33) % UInt64(step / 4 + 8)
            if state & 1 == 0 {
                map[key] = step
                reference[key] = step
            }
            #expect(map[key] == reference[key])
        }
        #expect(map.count == reference.count)
        for (key, value) in reference { #expect(map[key] == value) }
    }
}
