/// The weights that combine the ranking signals into one score per sentence:
///
/// `score = centrality · TextRank + directed · PACSUM + position · (i + 1)^(−positionDecay)
///          + title · cos(sentence, headline)`, all signals in [0, 1],
/// times a length factor `min(1, words / shortSentenceWords)`; then
/// ``MaximalMarginalRelevance`` subtracts `redundancy · max cos(sentence, chosen)`.
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
    /// Weight of the cosine similarity to the headline.
    public var title: Double
    /// Redundancy penalty of the MMR selection.
    public var redundancy: Double
    /// Sentences with fewer content words are scaled down proportionally.
    public var shortSentenceWords: Int

    public init(centrality: Double = 1, directed: Double = 0, directedBackward: Double = -0.5,
                directedThreshold: Double = 0.5, position: Double = 1, positionDecay: Double = 1,
                title: Double = 0.3, redundancy: Double = 0.3, shortSentenceWords: Int = 6) {
        self.centrality = centrality
        self.directed = directed
        self.directedBackward = directedBackward
        self.directedThreshold = directedThreshold
        self.position = position
        self.positionDecay = positionDecay
        self.title = title
        self.redundancy = redundancy
        self.shortSentenceWords = shortSentenceWords
    }
}
