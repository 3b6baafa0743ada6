import Foundation

/// A weighted, undirected graph over sentences, stored densely.
///
/// For one article's sentences (``init(vectors:)``), edge weights follow TextRank's content overlap (Mihalcea & Tarau, "TextRank: Bringing
/// Order into Texts", EMNLP 2004): the number of shared terms divided by
/// `log|Sᵢ| + log|Sⱼ|`, where |S| counts a sentence's terms; lengths below 2 count as 2,
/// so a one-word sentence never divides by zero.
///
/// - Complexity: O(n² · t) time for n sentences of t distinct terms, O(n²) memory; callers
///   cap n (see ``Summarizer/maximumRankedSentences``).
package struct SimilarityGraph: Sendable {
    /// The number of nodes.
    package let count: Int
    /// Row-major n × n weights; the diagonal is zero.
    private(set) var weights: [Double]

    /// A graph of `count` nodes whose edge weights (≥ 0; negative and non-finite values count as 0) are given by
    /// `weight(i, j)`, asked once per pair `i < j` and mirrored; for example the cosines of
    /// articles' sentences in top stories.
    package init(count: Int, weight: (Int, Int) -> Double) {
        let n = max(0, count)
        self.count = n
        weights = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let raw = weight(i, j)
                let w = raw.isFinite ? max(0, raw) : 0
                weights[i * n + j] = w
                weights[j * n + i] = w
            }
        }
    }

    init(vectors: TermVectors) {
        let n = vectors.count
        count = n
        weights = [Double](repeating: 0, count: n * n)
        let logLength = vectors.terms.map { log(Double(max(2, $0.count))) }
        for i in 0..<n where !vectors.distinct[i].isEmpty {
            for j in (i + 1)..<max(i + 1, n) where !vectors.distinct[j].isEmpty {
                let shared = TermVectors.overlap(vectors.distinct[i], vectors.distinct[j])
                guard shared > 0 else { continue }
                let weight = Double(shared) / (logLength[i] + logLength[j])
                weights[i * n + j] = weight
                weights[j * n + i] = weight
            }
        }
    }

    /// The weight of the edge between nodes `i` and `j` (both in `0..<count`); 0 without an edge.
    package func weight(_ i: Int, _ j: Int) -> Double { weights[i * count + j] }

    /// Whether the graph has no edge at all.
    var isEdgeless: Bool { !weights.contains { $0 > 0 } }
}
