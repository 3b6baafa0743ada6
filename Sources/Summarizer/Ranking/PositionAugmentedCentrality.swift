/// Directed, position-augmented degree centrality (PACSUM: Zheng & Lapata, "Sentence
/// Centrality Revisited for Unsupervised Summarization", ACL 2019).
///
/// Edges below `min + threshold · (max − min)` of the similarity range are dropped; each
/// sentence then scores `backward · Σ_{j<i} eᵢⱼ + forward · Σ_{j>i} eᵢⱼ`. With a negative
/// `backward` weight, a sentence gains from resembling what follows it (news puts the
/// gist first) and loses from repeating what came before.
struct PositionAugmentedCentrality {
    var backward: Double
    var forward: Double
    var threshold: Double

    /// One score per sentence, min–max normalised to [0, 1]; all zeros when every
    /// score is equal (for example a graph without edges).
    func scores(_ graph: SimilarityGraph) -> [Double] {
        let n = graph.count
        guard n > 1 else { return [Double](repeating: 0, count: n) }
        var low = Double.infinity
        var high = -Double.infinity
        for i in 0..<n {
            for j in (i + 1)..<n {
                let w = graph.weight(i, j)
                low = min(low, w)
                high = max(high, w)
            }
        }
        let cut = low + threshold * (high - low)
        var scores = [Double](repeating: 0, count: n)
        for i in 0..<n {
            if i % 256 == 0, Task.isCancelled { break }
            var before = 0.0
            var after = 0.0
            for j in 0..<n where j != i {
                let w = graph.weight(i, j) - cut
                guard w > 0 else { continue }
                if j < i { before += w } else { after += w }
            }
            scores[i] = backward * before + forward * after
        }
        return MinMax.normalized(scores)
    }
}

enum MinMax {
    /// Scales values to [0, 1]; all zeros when they are all equal.
    static func normalized(_ values: [Double]) -> [Double] {
        guard let low = values.min(), let high = values.max(), high - low > 1e-12 else {
            return [Double](repeating: 0, count: values.count)
        }
        return values.map { ($0 - low) / (high - low) }
    }
}
