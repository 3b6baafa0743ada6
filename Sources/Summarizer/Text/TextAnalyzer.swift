/// The one text analysis pipeline of digestd: **tokenize → normalise → stopword → stem**.
/// Sentence ranking, keywords and top-story grouping all see text through it, so one
/// article yields the same terms everywhere.
///
/// 1. ``Tokenizer`` splits the text into word tokens (CJK runs into character bigrams);
/// 2. each token is lower-cased, typographic apostrophes (’) folded to `'`;
/// 3. stopwords of the language (``StopwordList``, Snowball's lists) and tokens without a
///    letter (`2004`, `5+5`) are dropped, except the reporting verbs (``ReportingVerbs``,
///    English `said`), which only sentence ranking counts;
/// 4. a final possessive `'s` / `’s` is removed (`India's` → `india`);
/// 5. the rest is stemmed by the language's Snowball stemmer (``SnowballStemmer``; Porter,
///    "An algorithm for suffix stripping", 1980, and its Snowball successors).
///
/// Each distinct token is analysed once per value (articles repeat most of their words), and
/// steps 2–5 once per process and language (``TokenAnalysisCache``: news repeats its
/// vocabulary from article to article).
///
/// - Important: holds a ``SnowballStemmer`` and a memo, neither thread-safe: use one value per
///   task or call, never share one across threads.
package struct TextAnalyzer {
    /// One content token of a sentence.
    struct Term {
        /// The token as written.
        let surface: String
        /// Its Snowball stem.
        let stem: String
        /// The stem's number: equal stems have equal ids, dense from 0 in order of first
        /// sight by this ``TextAnalyzer`` value (so ranking and keywords need not hash stems).
        let id: Int
        /// Whether the token may stand as a keyword (see ``KeywordExtractor/isCandidate(_:)``).
        let isKeywordCandidate: Bool
        /// Whether the token before it is an English article (`the`, `a`, `an`): a noun cue.
        let followsArticle: Bool
        /// Whether the token after it is an English article: a verb cue (``VerbEvidence``).
        let precedesArticle: Bool
        /// Whether the token is a stopword that sentence ranking counts all the same
        /// (``ReportingVerbs``): never a keyword, left out of ``TextAnalyzer/stems(of:)``.
        let ranksOnly: Bool
    }

    private let stemmer: SnowballStemmer
    private let stopwords: StopwordList
    /// Articles repeat most of their words, so each surface is folded, checked and stemmed once.
    private let memo = Memo()
    /// Steps 2–5 per token, shared by every analyser of the language in the process; `nil`
    /// when the stopword list is not the language's own (the analysis would differ).
    private let shared: TokenAnalysisCache?
    /// The language's stopwords that ranking counts (``ReportingVerbs``).
    private let rankedStopwords: Set<String>

    /// What the memo keeps per token surface.
    private typealias Entry = (id: Int, keyword: Bool, ranksOnly: Bool)

    /// Its properties skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`):
    /// the memo belongs to one analyser, used by one thread, and ``lookUp(_:packed:)`` never
    /// holds two accesses to one property at once; the checks cost about a tenth of a look-up.
    private final class Memo {
        /// Per token surface: the stem id (-1 when the token is dropped), whether it
        /// may be a keyword and whether only ranking counts it (``ReportingVerbs``).
        @exclusivity(unchecked) var tokens: [String: Entry] = [:]
        /// The same for tokens of at most 8 ASCII bytes, by ``PackedWord`` (case folded).
        @exclusivity(unchecked) var packed = PackedWordMap<Entry>()
        /// Stem ids of stems without a number (``TokenAnalysis/stemNumber``).
        @exclusivity(unchecked) var stemIDs: [String: Int] = [:]
        /// Stem id + 1 by the shared cache's stem number (0: not seen by this analyser).
        @exclusivity(unchecked) var idByNumber: [Int32] = []
        @exclusivity(unchecked) var stems: [String] = []
    }

    /// An analyser for a Snowball language name (`"english"`, `"german"`, …); an unknown name
    /// gets no stopwords and no stemming (tokens are only lower-cased).
    package init(language: String) {
        self.init(language: language, stopwords: StopwordList(language: language))
    }

    /// The stems of the content tokens of `text`, in token order, with repeats: what ranking,
    /// keywords and top stories compare. `"India's floods hit 20,000 homes"` gives
    /// `["india", "flood", "hit", "home"]` in English.
    /// Reporting verbs that only ranking counts (``ReportingVerbs``) are left out.
    package func stems(of text: some StringProtocol) -> [String] {
        terms(of: text).compactMap { $0.ranksOnly ? nil : $0.stem }
    }

    /// - Parameters:
    ///   - expectedTokens: a hint for the number of distinct tokens (sizes the memo).
    ///   - sharesCache: whether tokens are looked up in and added to the process-wide
    ///     ``TokenAnalysisCache`` (`false` analyses every token afresh, for tests).
    init(language: String, stopwords: StopwordList, expectedTokens: Int = 0, sharesCache: Bool = true) {
        self.stemmer = SnowballStemmer(language: language)
        self.stopwords = stopwords
        self.rankedStopwords = ReportingVerbs.words(language: language.lowercased())
        self.shared = sharesCache && stopwords.language.lowercased() == language.lowercased()
            ? TokenAnalysisCache.shared(language: language.lowercased()) : nil
        memo.tokens.reserveCapacity(expectedTokens / 4)
        memo.packed = PackedWordMap(capacity: expectedTokens)
    }

    /// The content tokens of `sentence` with their stems and stem ids, in token order.
    func terms(of sentence: some StringProtocol) -> [Term] {
        // The tokens of ``Tokenizer/tokenize(_:)``, each with its ``PackedWord`` taken from the
        // sentence's bytes (the memo's key, and the article test of ``VerbEvidence/isArticle(_:)``).
        var tokens: [String] = []
        var packedTokens: [PackedWord?] = []
        sentence.withUTF8Bytes { bytes in
            // About one token per six bytes of prose: reserved once instead of grown step by step.
            tokens.reserveCapacity(bytes.count / 4 + 4)
            packedTokens.reserveCapacity(bytes.count / 4 + 4)
            Tokenizer.forEachToken(utf8: bytes) { lower, upper in
                let token = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
                tokens.append(String(decoding: token, as: UTF8.self))
                packedTokens.append(PackedWord(token))
                return true
            }
        }
        var terms: [Term] = []
        terms.reserveCapacity(tokens.count)
        for (k, token) in tokens.enumerated() {
            let (id, keyword, ranksOnly) = lookUp(token, packed: packedTokens[k])
            guard id >= 0 else { continue }
            terms.append(Term(surface: token, stem: memo.stems[id], id: id, isKeywordCandidate: keyword,
                              followsArticle: k > 0 && VerbEvidence.isArticle(packedTokens[k - 1]),
                              precedesArticle: k + 1 < tokens.count && VerbEvidence.isArticle(packedTokens[k + 1]),
                              ranksOnly: ranksOnly))
        }
        return terms
    }

    /// The stem id of a content token (-1 for a stopword or a token without a letter),
    /// whether it may be a keyword, and whether only ranking counts it (a stopword of
    /// ``ReportingVerbs``, which gets an id but is never a keyword).
    /// - Parameter packed: the token's ``PackedWord`` (`nil` when it is longer than 8 bytes or
    ///   not ASCII).
    private func lookUp(_ token: String, packed: PackedWord?) -> Entry {
        // Both answers ignore letter case, so short ASCII tokens are looked up by their packed
        // lower-case bytes: an integer key instead of hashing a String.
        if let packed, let known = memo.packed[packed.bits] { return known }
        if packed == nil, let known = memo.tokens[token] { return known }
        let analysis: TokenAnalysis
        if let shared, let known = shared.analysis(packed: packed, token: token) {
            analysis = known
        } else {
            let fresh = analyze(token)
            analysis = shared?.store(fresh, packed: packed, token: token) ?? fresh
        }
        var id = -1
        if let stem = analysis.stem {
            // A stem has a number every time or never (``TokenAnalysisCache``), so the two
            // tables never give one stem two ids.
            if analysis.stemNumber >= 0 {
                let number = analysis.stemNumber
                if number >= memo.idByNumber.count {
                    memo.idByNumber.append(contentsOf: repeatElement(0, count: max(number + 1, 2 * memo.idByNumber.count, 1_024)
                                                                              - memo.idByNumber.count))
                }
                let known = memo.idByNumber[number]
                if known > 0 {
                    id = Int(known) - 1
                } else {
                    id = memo.stems.count
                    memo.stems.append(stem)
                    memo.idByNumber[number] = Int32(truncatingIfNeeded: id + 1)
                }
            } else if let known = memo.stemIDs[stem] {
                id = known
            } else {
                id = memo.stems.count
                memo.stems.append(stem)
                memo.stemIDs[stem] = id
            }
        }
        let entry = (id, analysis.isKeywordCandidate, analysis.ranksOnly)
        if let packed { memo.packed[packed.bits] = entry } else { memo.tokens[token] = entry }
        return entry
    }

    /// Steps 2–5 for one token: fold, drop stopwords (but for ``ReportingVerbs``) and tokens
    /// without a letter, strip a possessive, stem.
    private func analyze(_ token: String) -> TokenAnalysis {
        let lower = StopwordList.folded(token)
        let isStopword = stopwords.containsLowercased(lower)
        let ranksOnly = isStopword && rankedStopwords.contains(lower)
        guard !isStopword || ranksOnly, lower.unicodeScalars.contains(where: { $0.isAlphabeticLetter }) else {
            return TokenAnalysis(stem: nil, isKeywordCandidate: false, ranksOnly: ranksOnly)
        }
        // Without the stem cache when the token cache keeps the result: a second process-wide
        // table would only add a lock and a copy per new token.
        let stripped = Self.strippingPossessive(lower)
        let stem = shared == nil ? stemmer.stem(lowercased: stripped) : stemmer.stemUncached(lowercased: stripped)
        return TokenAnalysis(stem: stem, isKeywordCandidate: !ranksOnly && KeywordExtractor.isCandidate(token),
                             ranksOnly: ranksOnly)
    }

    /// `word` without a final possessive `'s` / `’s` when at least one character is left.
    static func strippingPossessive(_ word: String) -> String {
        // Byte tests: `hasSuffix` compares by characters and is costly on the hot path.
        let utf8 = word.utf8
        let suffixLength: Int
        if utf8.count >= 2, utf8.last == UInt8(ascii: "s"), utf8.dropLast().last == UInt8(ascii: "'") {
            suffixLength = 2
        } else if utf8.count >= 4, utf8.suffix(4).elementsEqual([0xE2, 0x80, 0x99, UInt8(ascii: "s")]) {
            suffixLength = 4
        } else {
            return word
        }
        guard word.count > 2 else { return word }
        return String(decoding: utf8.dropLast(suffixLength), as: UTF8.self)
    }
}
