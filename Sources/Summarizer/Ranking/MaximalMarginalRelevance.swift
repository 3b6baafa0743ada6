/// Greedy selection that trades relevance against redundancy: Maximal Marginal Relevance
/// (Carbonell & Goldstein, "The Use of MMR, Diversity-Based Reranking for Reordering
/// Documents and Producing Summaries", SIGIR 1998).
///
/// Each step picks the candidate maximising `score − redundancy · max sim(candidate, chosen)`,
/// where sim is a similarity in [0, 1] (for one article's sentences: the cosine of their
/// distinct-term sets). Near-duplicates of a chosen sentence (sim ≥ ``duplicateCosine``) are
/// picked only when nothing else is left, and only if ``fillsWithDuplicates``. Scores are
/// compared after rounding to 1e-9, and equal scores go to the earlier sentence, so
/// floating-point noise cannot reorder ties. Used by the summary and by top stories alike.
package struct MaximalMarginalRelevance: Sendable {
    /// How much the similarity to the closest chosen sentence is subtracted from a score.
    package var redundancy: Double
    /// Similarity at or above which a candidate counts as a repeat of a chosen sentence.
    package var duplicateCosine: Double
    /// Whether repeats are taken, best first, once only repeats are left (rather than
    /// returning fewer than `count`).
    package var fillsWithDuplicates: Bool

    /// A selector; see the properties.
    package init(redundancy: Double, duplicateCosine: Double = 0.95, fillsWithDuplicates: Bool = true) {
        self.redundancy = redundancy
        self.duplicateCosine = duplicateCosine
        self.fillsWithDuplicates = fillsWithDuplicates
    }

    /// The indices of up to `count` chosen sentences of one article, in the order chosen;
    /// similarity is the cosine of distinct-term sets.
    /// `factor(candidate, chosen)` scales a candidate's score given what is chosen so far
    /// (for example down for a sentence whose antecedent is not chosen); nil leaves scores as they are.
    func select(count: Int, scores: [Double], vectors: TermVectors,
                factor: ((Int, [Bool]) -> Double)? = nil) -> [Int] {
        select(count: count, scores: scores, factor: factor) { Self.cosine(vectors.distinct[$0], vectors.distinct[$1]) }
    }

    /// The indices of up to `count` chosen items, in the order chosen.
    ///
    /// - Parameters:
    ///   - scores: one relevance score per item (any scale; `redundancy` is on the same scale).
    ///   - similarity: a symmetric similarity in [0, 1] of two item indices.
    package func select(count: Int, scores: [Double], similarity: (Int, Int) -> Double) -> [Int] {
        select(count: count, scores: scores, factor: nil, similarity: similarity)
    }

    func select(count: Int, scores: [Double], factor: ((Int, [Bool]) -> Double)?,
                similarity: (Int, Int) -> Double) -> [Int] {
        var chosen: [Int] = []
        var isChosen = [Bool](repeating: false, count: scores.count)
        var available = Array(scores.indices)
        var maxSimilarity = [Double](repeating: 0, count: scores.count)
        while chosen.count < count, !available.isEmpty {
            var best: Int?
            var bestKey = Int64.min
            for candidate in available where maxSimilarity[candidate] < duplicateCosine {
                let score = factor.map { scores[candidate] * $0(candidate, isChosen) } ?? scores[candidate]
                let value = score - redundancy * maxSimilarity[candidate]
                let key = Self.roundedKey(value)
                // Strictly greater: on a tie the earlier sentence (visited first) stays.
                if best == nil || key > bestKey {
                    best = candidate
                    bestKey = key
                }
            }
            // Only near-duplicates are left: take the best of them rather than return fewer.
            if best == nil, fillsWithDuplicates {
                for candidate in available where best == nil || Self.roundedKey(scores[candidate]) > bestKey {
                    best = candidate
                    bestKey = Self.roundedKey(scores[candidate])
                }
            }
            guard let pick = best else { break }
            chosen.append(pick)
            isChosen[pick] = true
            available.removeAll { $0 == pick }
            for other in available {
                maxSimilarity[other] = max(maxSimilarity[other], similarity(pick, other))
            }
        }
        return chosen
    }

    /// `value` in units of 1e-9, so that scores equal up to rounding compare equal.
    static func roundedKey(_ value: Double) -> Int64 {
        guard value.isFinite else { return Int64.min }
        return Int64((value * 1e9).rounded())
    }

    static func cosine(_ a: [Int], _ b: [Int]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let shared = TermVectors.overlap(a, b)
        return Double(shared) / (Double(a.count) * Double(b.count)).squareRoot()
    }
}
