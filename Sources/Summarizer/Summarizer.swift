import Foundation

/// Extractive summarizer: article text in, ranked sentences out.
///
/// Pure: no files, clocks, globals or randomness; the same input and options always give
/// the same summary, in any process. The pipeline:
/// 1. ``BoilerplateFilter`` drops bylines, credits, "Read more" and similar lines;
/// 2. ``LanguageDetector`` picks the language unless ``SummaryOptions/language`` is set;
/// 3. ``SentenceSegmenter`` splits the body; exact repeats of a sentence are dropped;
/// 4. each sentence is scored by TextRank centrality, position-augmented centrality
///    (PACSUM), a lead-position prior and similarity to the headline (see ``RankingWeights``);
/// 5. ``MaximalMarginalRelevance`` picks the sentences, which are returned in document order.
///
/// Only the first ``maximumRankedSentences`` sentences are ranked, so time and memory stay
/// bounded on very long input. Ranking checks `Task.isCancelled`; a cancelled summary is
/// still a valid value, built from the scores computed so far.
package struct Summarizer: Sendable {
    /// The settings for every summary this value makes.
    package let options: SummaryOptions

    /// Sentences beyond this many are counted but not ranked (the graph is O(n²)), and are
    /// not checked for boilerplate or repeats.
    package static let maximumRankedSentences = 2_000
    /// Longest summary sentence, in characters; longer ones are cut and end with `…`.
    package static let maximumSentenceCharacters = 1_000

    /// Creates a summarizer; it holds no state besides `options` and may be shared across tasks.
    package init(options: SummaryOptions = SummaryOptions()) {
        self.options = options
    }

    /// Summarizes a whole article text: an optional headline line, a blank line, the body
    /// (see ``Article/init(text:)``).
    package func summarize(_ text: String) -> Summary {
        let article = Article(text: text)
        return summarize(title: article.title, body: article.body)
    }

    /// Summarizes a body whose headline is already known (for example an e-mail Subject).
    ///
    /// - Parameters:
    ///   - title: the headline, or `nil`.
    ///   - body: the article body; any line endings.
    /// - Returns: at most the requested number of sentences, in document order, never
    ///   padded. A body without sentences but with a title yields the title as the one
    ///   sentence; an empty article yields an empty summary.
    package func summarize(title: String?, body: String) -> Summary {
        let filter = BoilerplateFilter()
        let title = title?.trimmingWhitespace()
        let (cleaned, dropped) = filter.cleanCounting(body)
        let language = options.language?.lowercased() ?? LanguageDetector().detect((title ?? "") + "\n" + cleaned.characterPrefix(20_000))
        let stopwords = StopwordList(language: language)
        let (sentences, sentenceWords) = Self.bodySentences(cleaned, language: language, filter: filter)
        // Content terms of the ranked prefix and the headline, shared by ranking and keywords.
        // About one distinct token per 12 bytes of news text.
        let extractor = TextAnalyzer(language: language, stopwords: stopwords,
                                     expectedTokens: min(50_000, cleaned.utf8.count / 12))
        let sentenceTerms = sentences.prefix(Self.maximumRankedSentences).map(extractor.terms(of:))
        let titleTerms = title.map(extractor.terms(of:)) ?? []
        let keywords = ICUWords.locales[language] != nil
            ? ICUWords.keywords(title: title, body: sentences, language: language)
            : Self.keyphrases(title: title, sentences: sentences, titleTerms: titleTerms, sentenceTerms: sentenceTerms,
                              language: language)

        guard !sentences.isEmpty else {
            guard let title, !title.isEmpty else {
                return Summary(title: title, sentences: [], keywords: [], wordCount: 0, sentenceCount: 0, language: language,
                               boilerplateLines: dropped)
            }
            return Summary(title: title, sentences: [Sentence(text: Self.capped(title), index: 0)],
                           keywords: keywords, wordCount: SentenceSegmenter.wordCount(title), sentenceCount: 1, language: language,
                           boilerplateLines: dropped)
        }

        let wordCount = sentenceWords.reduce(0, +)
        let wanted = requestedCount(sentenceCount: sentences.count)
        let chosen: [Int]
        if wanted >= sentences.count {
            chosen = Array(sentences.indices)
        } else {
            let ranked = Array(sentences.prefix(Self.maximumRankedSentences))
            chosen = rank(ranked, words: sentenceWords, terms: sentenceTerms, titleTerms: titleTerms, count: wanted,
                          language: language).sorted()
        }
        return Summary(
            title: title,
            sentences: chosen.map { Sentence(text: Self.capped(sentences[$0]), index: $0) },
            keywords: keywords,
            wordCount: wordCount,
            sentenceCount: sentences.count,
            language: language,
            boilerplateLines: dropped)
    }

    /// Keywords of a language written with spaces: names and other capitalised phrases
    /// (``Keyphrases``) first, then single terms (``KeywordExtractor``) without verbs
    /// (``VerbEvidence``) and without the words of a chosen phrase.
    static func keyphrases(title: String?, sentences: [String], titleTerms: [TextAnalyzer.Term],
                           sentenceTerms: [[TextAnalyzer.Term]], language: String) -> [String] {
        let candidates = Keyphrases.ranked(title: title, sentences: sentences, stopwords: StopwordList(language: language))
        let phrases = candidates.filter { $0.score >= 2 }.prefix(3).map(\.phrase)
        let singles = KeywordExtractor().keywords(title: titleTerms, sentences: sentenceTerms,
                                                  dropsVerbs: VerbEvidence.applies(to: language))
        return Keyphrases.merged(phrases: Array(phrases), keywords: singles, names: candidates.map(\.phrase))
    }

    /// The number of sentences to choose: `round(ratio × n)` or ``SummaryOptions/sentences``,
    /// at least 1 and at most `n`.
    func requestedCount(sentenceCount n: Int) -> Int {
        guard let ratio = options.ratio, ratio.isFinite else { return min(n, max(1, options.sentences)) }
        // Clamp before converting: Int(_:) traps on values out of range.
        return Int(min(Double(n), max(1, (ratio * Double(n)).rounded())))
    }

    /// The body's sentences without boilerplate and exact repeats, and each one's word
    /// count (``SentenceSegmenter/wordCount(_:)``).
    static func bodySentences(_ body: String, language: String, filter: BoilerplateFilter) -> ([String], [Int]) {
        var seen = DistinctTexts(capacity: 64)
        var sentences: [String] = []
        var words: [Int] = []
        for (index, raw) in SentenceSegmenter(language: language).segment(body).enumerated() {
            // Past the ranked prefix sentences are only counted: skip the per-sentence checks.
            if sentences.count >= maximumRankedSentences {
                sentences.append(raw)
                words.append(SentenceSegmenter.wordCount(raw))
                continue
            }
            let sentence = index == 0 ? filter.removingDateline(raw) : raw
            let count = SentenceSegmenter.wordCount(sentence)
            if filter.isBoilerplate(sentence, wordCount: count) { continue }
            let key = SentenceSegmenter.isCollapsed(sentence) ? sentence : SentenceSegmenter.collapsingWhitespace(sentence)
            guard seen.insert(key) else { continue }
            sentences.append(sentence)
            words.append(count)
        }
        return (sentences, words)
    }

    /// Scores the sentences and picks `count` of them; returns indices in choice order.
    func rank(_ sentences: [String], words sentenceWords: [Int], terms: [[TextAnalyzer.Term]], titleTerms: [TextAnalyzer.Term],
              count: Int, language: String) -> [Int] {
        let weights = options.weights
        let vectors = TermVectors(terms: terms + [titleTerms])
        let titleTerms = vectors.distinct[sentences.count]
        let bodyVectors = TermVectors(dropping: vectors)
        let graph = SimilarityGraph(vectors: bodyVectors)

        var scores = [Double](repeating: 0, count: sentences.count)
        if weights.centrality != 0 {
            let textRank = TextRankScorer().scores(graph)
            let top = textRank.max() ?? 0
            if top > 0 {
                for i in scores.indices { scores[i] += weights.centrality * textRank[i] / top }
            }
        }
        // Position-based signals fade as the summary covers more of the article.
        let budgetShare = Double(count) / Double(max(1, sentences.count))
        let shareLimit = weights.positionShareLimit > 0 ? weights.positionShareLimit : 1
        let budgetFactor = pow(max(0, 1 - budgetShare / shareLimit), weights.positionBudgetExponent)
        let positionWeight = weights.position * budgetFactor
        // Headline similarity and redundancy fade once the position signals are nearly gone.
        let adjustment = weights.adjustmentFactor > 0 ? min(1, budgetFactor / weights.adjustmentFactor) : 1
        if weights.directed != 0 {
            let pacsum = PositionAugmentedCentrality(backward: weights.directedBackward, forward: 1,
                                                     threshold: weights.directedThreshold).scores(graph)
            for i in scores.indices { scores[i] += weights.directed * budgetFactor * pacsum[i] }
        }
        let lengthExponent = weights.lengthPrior * budgetFactor
        if lengthExponent != 0 {
            let meanWords = Double(max(1, sentenceWords.prefix(sentences.count).reduce(0, +))) / Double(max(1, sentences.count))
            for i in scores.indices { scores[i] *= pow(Double(max(1, sentenceWords[i])) / meanWords, lengthExponent) }
        }
        for i in scores.indices {
            scores[i] += positionWeight * pow(Double(i + 1), -weights.positionDecay)
            if weights.title != 0, !titleTerms.isEmpty {
                scores[i] += adjustment * weights.title * MaximalMarginalRelevance.cosine(bodyVectors.distinct[i], titleTerms)
            }
            if weights.longSentenceWords > 0 {
                let words = sentenceWords[i]
                if words > weights.longSentenceWords {
                    let exponent = 0.5 * ((1 - weights.longSentenceBudget) + weights.longSentenceBudget * budgetFactor)
                    scores[i] *= pow(Double(weights.longSentenceWords) / Double(words), exponent)
                }
            }
            let contentWords = bodyVectors.terms[i].count
            if contentWords < weights.shortSentenceWords {
                scores[i] *= Double(contentWords + 1) / Double(weights.shortSentenceWords + 1)
            }
            if weights.openQuotationPenalty != 0, Coherence.leavesQuotationOpen(sentences[i]) {
                scores[i] *= 1 - weights.openQuotationPenalty * budgetFactor
            }
        }
        let needsCoherence = weights.backReferencePenalty != 0 || weights.repairsBackReferences
        let backReference = needsCoherence
            ? sentences.indices.map { $0 > 0 && Coherence.opensWithBackReference(sentences[$0], language: language) }
            : []
        var factor: ((Int, [Bool]) -> Double)?
        if weights.backReferencePenalty != 0 {
            let kept = 1 - weights.backReferencePenalty * budgetFactor
            factor = { candidate, chosen in backReference[candidate] && !chosen[candidate - 1] ? kept : 1 }
        }
        var chosen = MaximalMarginalRelevance(redundancy: adjustment * weights.redundancy)
            .select(count: count, scores: scores, vectors: bodyVectors, factor: factor)
        if weights.repairsBackReferences, budgetFactor >= 0.5 {
            chosen = Self.repairingBackReferences(chosen, backReference: backReference)
        }
        return chosen
    }

    /// `chosen` with each sentence that opens with a back reference while its predecessor is
    /// not chosen replaced by the nearest earlier sentence that does not (its antecedent), when
    /// that one is not chosen already; otherwise the sentence is kept.
    static func repairingBackReferences(_ chosen: [Int], backReference: [Bool]) -> [Int] {
        var result = chosen
        var taken = Set(chosen)
        for (position, index) in chosen.enumerated() where backReference[index] && !taken.contains(index - 1) {
            var antecedent = index - 1
            while antecedent > 0, backReference[antecedent], !taken.contains(antecedent - 1) { antecedent -= 1 }
            guard !taken.contains(antecedent) else { continue }
            taken.remove(index)
            taken.insert(antecedent)
            result[position] = antecedent
        }
        return result
    }

    /// `text`, cut to ``maximumSentenceCharacters`` characters ending with `…` when longer.
    static func capped(_ text: String) -> String {
        guard text.count > maximumSentenceCharacters else { return text }
        return String(text.prefix(maximumSentenceCharacters - 1)) + "…"
    }
}
