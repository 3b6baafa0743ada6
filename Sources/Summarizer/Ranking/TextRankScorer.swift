/// Sentence centrality by PageRank over the similarity graph: TextRank (Mihalcea & Tarau,
/// "TextRank: Bringing Order into Texts", EMNLP 2004), the weighted form of LexRank
/// (Erkan & Radev, "LexRank: Graph-based Lexical Centrality as Salience in Text
/// Summarization", JAIR 2004). Used by the summary and by top stories alike.
package struct TextRankScorer: Sendable {
    /// The PageRank damping factor.
    package var damping = 0.85
    /// Stop when the L1 change of an iteration falls below this.
    package var tolerance = 1e-10
    /// The most power iterations made.
    package var maximumIterations = 200

    /// A scorer with the usual damping 0.85.
    package init() {}

    /// One score per sentence, summing to 1. A node without edges keeps the teleport
    /// share, so an edgeless graph gives every sentence the same score (no NaN).
    /// Stops early, returning the current estimate, when the task is cancelled.
    package func scores(_ graph: SimilarityGraph) -> [Double] {
        let n = graph.count
        guard n > 0 else { return [] }
        // Each node's edges as (neighbour, weight), neighbours ascending, in one flat array
        // (compressed sparse rows): the graph is sparse in practice, and this keeps the
        // summation order of the dense form.
        var edgeStart = [Int](repeating: 0, count: n + 1)
        var edgeNode: [Int] = []
        var edgeWeight: [Double] = []
        // Room for a dense graph of a news article's size, no more (a long text's graph is sparse).
        edgeNode.reserveCapacity(min(n * (n - 1), 16_384))
        edgeWeight.reserveCapacity(min(n * (n - 1), 16_384))
        var outWeight = [Double](repeating: 0, count: n)
        graph.weights.withUnsafeBufferPointer { matrix in
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<n {
                    let w = matrix[i * n + j]
                    sum += w
                    if w > 0 {
                        edgeNode.append(j)
                        edgeWeight.append(w)
                    }
                }
                outWeight[i] = sum
                edgeStart[i + 1] = edgeNode.count
            }
        }
        var rank = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for iteration in 0..<maximumIterations {
            if iteration % 8 == 0, Task.isCancelled { break }
            var change = 0.0
            // Unchecked buffers throughout: this loop runs up to maximumIterations times over
            // every edge of every article. The sums are made in the same order as ever.
            edgeNode.withUnsafeBufferPointer { nodes in
                edgeWeight.withUnsafeBufferPointer { weights in
                    edgeStart.withUnsafeBufferPointer { edgeStart in
                        outWeight.withUnsafeBufferPointer { outWeight in
                            rank.withUnsafeBufferPointer { rank in
                                next.withUnsafeMutableBufferPointer { next in
                                    // Rank held by nodes without edges is spread evenly (dangling-node fix).
                                    var dangling = 0.0
                                    for i in 0..<n where outWeight[i] == 0 { dangling += rank[i] }
                                    let base = (1 - damping) / Double(n) + damping * dangling / Double(n)
                                    for i in 0..<n { next[i] = base }
                                    for j in 0..<n where outWeight[j] > 0 {
                                        let share = damping * rank[j] / outWeight[j]
                                        for e in edgeStart[j]..<edgeStart[j + 1] { next[nodes[e]] += share * weights[e] }
                                    }
                                    for i in 0..<n { change += abs(next[i] - rank[i]) }
                                }
                            }
                        }
                    }
                }
            }
            swap(&rank, &next)
            if change < tolerance { break }
        }
        return rank
    }
}
