/// Greedy selection that trades relevance against redundancy: Maximal Marginal Relevance
/// (Carbonell & Goldstein, "The Use of MMR, Diversity-Based Reranking for Reordering
/// Documents and Producing Summaries", SIGIR 1998).
///
/// Each step picks the candidate maximising `score − redundancy · max cos(candidate, chosen)`,
/// where cos is the cosine of the sentences' distinct-term sets. Near-duplicates of a
/// chosen sentence (cosine ≥ `duplicateCosine`) are picked only when nothing else is left. Scores are compared
/// after rounding to 1e-9, and equal scores go to the earlier sentence, so floating-point
/// noise cannot reorder ties.
struct MaximalMarginalRelevance {
    var redundancy: Double
    var duplicateCosine = 0.95

    /// The indices of up to `count` chosen sentences, in the order chosen.
    func select(count: Int, scores: [Double], vectors: TermVectors) -> [Int] {
        var chosen: [Int] = []
        var available = Array(scores.indices)
        var maxSimilarity = [Double](repeating: 0, count: scores.count)
        while chosen.count < count, !available.isEmpty {
            var best: Int?
            var bestKey = Int64.min
            for candidate in available where maxSimilarity[candidate] < duplicateCosine {
                let value = scores[candidate] - redundancy * maxSimilarity[candidate]
                let key = Self.roundedKey(value)
                // Strictly greater: on a tie the earlier sentence (visited first) stays.
                if best == nil || key > bestKey {
                    best = candidate
                    bestKey = key
                }
            }
            // Only near-duplicates are left: take the best of them rather than return fewer.
            if best == nil {
                for candidate in available where best == nil || Self.roundedKey(scores[candidate]) > bestKey {
                    best = candidate
                    bestKey = Self.roundedKey(scores[candidate])
                }
            }
            guard let pick = best else { break }
            chosen.append(pick)
            available.removeAll { $0 == pick }
            for other in available {
                let similarity = Self.cosine(vectors.distinct[pick], vectors.distinct[other])
                maxSimilarity[other] = max(maxSimilarity[other], similarity)
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
