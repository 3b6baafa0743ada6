/// Settings for one summary, as an immutable value.
package struct SummaryOptions: Sendable, Equatable {
    /// How many sentences to choose (at least 1). A shorter article yields all of its sentences.
    package var sentences: Int
    /// When set, choose `round(ratio × sentenceCount)` sentences, at least 1, instead of ``sentences``.
    package var ratio: Double?
    /// A Snowball language name (`"english"`, `"german"`, …) or `nil` to detect the language.
    package var language: String?
    /// How the ranking weighs centrality, position, headline and redundancy. The defaults
    /// were tuned on the development sets; change them only to experiment.
    package var weights: RankingWeights

    /// Settings for a summary: `sentences` (values below 1 count as 1), an optional `ratio`
    /// in (0, 1], a Snowball `language` or `nil` to detect it, and the ranking `weights`.
    package init(sentences: Int = 3, ratio: Double? = nil, language: String? = nil, weights: RankingWeights = RankingWeights()) {
        self.sentences = sentences
        self.ratio = ratio
        self.language = language
        self.weights = weights
    }
}
