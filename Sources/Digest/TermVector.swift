import Foundation
import Ledger
import Summarizer

/// A sparse term vector over interned term ids, sorted by id so a dot product is one merge.
struct TermVector: Sendable {
    let terms: [Int]
    let weights: [Double]
    let norm: Double

    init(counts: [Int: Double]) {
        let sorted = counts.keys.sorted()
        terms = sorted
        weights = sorted.map { 1 + log(counts[$0] ?? 1) }
        norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Cosine similarity in [0, 1]; 0 when either vector is empty.
    /// - Complexity: O(a + b) in the two vectors' term counts; unchecked buffers, as this runs
    ///   for every pair of the day's articles on every digest write.
    func cosine(_ other: TermVector) -> Double {
        guard norm > 0, other.norm > 0 else { return 0 }
        let dot = terms.withUnsafeBufferPointer { t1 in
            other.terms.withUnsafeBufferPointer { t2 in
                weights.withUnsafeBufferPointer { w1 in
                    other.weights.withUnsafeBufferPointer { w2 in
                        var i = 0, j = 0, sum = 0.0
                        while i < t1.count, j < t2.count {
                            let a = t1[i], b = t2[j]
                            if a == b { sum += w1[i] * w2[j]; i += 1; j += 1 } else if a < b { i += 1 } else { j += 1 }
                        }
                        return sum
                    }
                }
            }
        }
        return min(1, dot / (norm * other.norm))
    }
}
