/// Sentence centrality by PageRank over the similarity graph: TextRank (Mihalcea & Tarau,
/// "TextRank: Bringing Order into Texts", EMNLP 2004), the weighted form of LexRank
/// (Erkan & Radev, "LexRank: Graph-based Lexical Centrality as Salience in Text
/// Summarization", JAIR 2004).
struct TextRankScorer {
    /// The PageRank damping factor.
    var damping = 0.85
    /// Stop when the L1 change of an iteration falls below this.
    var tolerance = 1e-10
    var maximumIterations = 200

    /// One score per sentence, summing to 1. A node without edges keeps the teleport
    /// share, so an edgeless graph gives every sentence the same score (no NaN).
    /// Stops early, returning the current estimate, when the task is cancelled.
    func scores(_ graph: SimilarityGraph) -> [Double] {
        let n = graph.count
        guard n > 0 else { return [] }
        // Each node's edges as (neighbour, weight), neighbours ascending: the graph is
        // sparse in practice, and this keeps the summation order of the dense form.
        var edges: [[(node: Int, weight: Double)]] = Array(repeating: [], count: n)
        var outWeight = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n {
                let w = graph.weight(i, j)
                sum += w
                if w > 0 { edges[i].append((j, w)) }
            }
            outWeight[i] = sum
        }
        var rank = [Double](repeating: 1 / Double(n), count: n)
        for iteration in 0..<maximumIterations {
            if iteration % 8 == 0, Task.isCancelled { break }
            // Rank held by nodes without edges is spread evenly (dangling-node fix).
            var dangling = 0.0
            for i in 0..<n where outWeight[i] == 0 { dangling += rank[i] }
            var next = [Double](repeating: (1 - damping) / Double(n) + damping * dangling / Double(n), count: n)
            for j in 0..<n where outWeight[j] > 0 {
                let share = damping * rank[j] / outWeight[j]
                for (i, w) in edges[j] { next[i] += share * w }
            }
            var change = 0.0
            for i in 0..<n { change += abs(next[i] - rank[i]) }
            rank = next
            if change < tolerance { break }
        }
        return rank
    }
}
