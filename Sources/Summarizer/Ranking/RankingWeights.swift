/// The weights that combine the ranking signals into one score per sentence:
///
/// `score = centrality · TextRank + f · (directed · PACSUM + position · (i + 1)^(−positionDecay))
///          + title · cos(sentence, headline)`, all signals in [0, 1],
/// where `f = (1 − k/n)^positionBudgetExponent` for a summary of k of n sentences; the score
/// is then scaled down for short sentences (`(c + 1) / (shortSentenceWords + 1)` below
/// `shortSentenceWords` content words c) and long ones (`√(longSentenceWords / words)`);
/// finally ``MaximalMarginalRelevance`` subtracts `redundancy · max cos(sentence, chosen)`.
///
/// The defaults were tuned on the development sets only (cnndm-dev, bbc-dev); the
/// validation sets (cnndm-val, bbc-val) are only scored, for the README. Issue 14 turned
/// PACSUM on (`directed` 0.5; Zheng & Lapata 2019) and raised `longSentenceWords` from 25 to
/// 35: on the dev sets that gave cnndm 41.18 / 18.18 / 37.59 (was 41.16 / 17.92 / 37.48) and
/// bbc 79.75 R-1 (was 79.00). BM25 similarity (Barrios et al. 2016), a penalty for pronoun-led
/// sentences whose predecessor is not chosen and a penalty for unclosed quotations were
/// measured too and left out: each gained ≤ 0.1 R-1 on cnndm-dev and lost 0.5–1.9 on bbc-dev.
public struct RankingWeights: Sendable, Equatable {
    /// Weight of TextRank centrality (normalised by its maximum).
    public var centrality: Double
    /// Weight of position-augmented centrality (PACSUM, min–max normalised).
    public var directed: Double
    /// PACSUM's weight for edges to earlier sentences (λ₁; negative favours leads).
    public var directedBackward: Double
    /// PACSUM's edge threshold β as a fraction of the similarity range.
    public var directedThreshold: Double
    /// Weight of the position prior.
    public var position: Double
    /// Exponent of the position prior's decay.
    public var positionDecay: Double
    /// How fast the position prior fades as the summary covers more of the article: its
    /// weight is multiplied by `(1 − k/n)^positionBudgetExponent` for k of n sentences. A
    /// 3-sentence summary of a 30-sentence story leans on the lead; a summary keeping 40 %
    /// of the article must cover the whole of it, where centrality matters more.
    public var positionBudgetExponent: Double
    /// Weight of the cosine similarity to the headline.
    public var title: Double
    /// Redundancy penalty of the MMR selection.
    public var redundancy: Double
    /// Sentences with more words than this are scaled by `(longSentenceWords / words)^0.5`;
    /// 0 turns the penalty off.
    public var longSentenceWords: Int
    /// Sentences with fewer content words are scaled down proportionally.
    public var shortSentenceWords: Int

    /// The tuned defaults; pass a value to override one weight.
    public init(centrality: Double = 1, directed: Double = 0.5, directedBackward: Double = -0.5,
                directedThreshold: Double = 0.5, position: Double = 2.5, positionDecay: Double = 0.7,
                positionBudgetExponent: Double = 5,
                title: Double = 0.3, redundancy: Double = 0.5, longSentenceWords: Int = 35,
                shortSentenceWords: Int = 6) {
        self.centrality = centrality
        self.directed = directed
        self.directedBackward = directedBackward
        self.directedThreshold = directedThreshold
        self.position = position
        self.positionDecay = positionDecay
        self.positionBudgetExponent = positionBudgetExponent
        self.title = title
        self.redundancy = redundancy
        self.longSentenceWords = longSentenceWords
        self.shortSentenceWords = shortSentenceWords
    }
}
