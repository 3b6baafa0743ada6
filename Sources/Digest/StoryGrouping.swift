import Foundation
import Ledger
import Summarizer

/// Single-link grouping of articles whose cosine is at least `threshold`, built one article at a
/// time (threshold > 0).
///
/// Only pairs that share a term can reach the threshold: an inverted index (term id → earlier
/// articles holding it, with their weights) accumulates each such pair's dot product, so adding
/// an article costs the lengths of its terms' postings instead of a merge with every earlier
/// article. Each pair's products are added in ascending term id as in ``TermVector/cosine(_:)``,
/// so the sums, and the groups, are bit for bit the same; the components of a graph do not
/// depend on the order its edges are found in, so adding articles one by one to an existing
/// grouping gives exactly the grouping of all of them at once.
struct StoryGrouping {
    let threshold: Double
    /// Union-find parents; the smaller index is the root, so roots are the earliest members.
    private var parent: [Int] = []
    private var norms: [Double] = []
    /// By term id (dense from 0): the earlier articles holding the term, with their weights.
    private var postings: [[(article: Int, weight: Double)]] = []
    private var dot: [Double] = []
    private var touched: [Int] = []

    init(threshold: Double) {
        self.threshold = threshold
    }

    /// Adds the next article's vector.
    mutating func add(_ v: TermVector) {
        let j = parent.count
        parent.append(j)
        norms.append(v.norm)
        dot.append(0)
        guard v.norm > 0 else { return }
        if let last = v.terms.last, last >= postings.count {
            postings.append(contentsOf: repeatElement([], count: last + 1 - postings.count))
        }
        for (t, term) in v.terms.enumerated() {
            let weight = v.weights[t]
            for (i, w) in postings[term] {
                // Weights are at least 1, so a pair's first product makes it non-zero.
                if dot[i] == 0 { touched.append(i) }
                dot[i] += w * weight
            }
            postings[term].append((j, weight))
        }
        for i in touched {
            if min(1, dot[i] / (norms[i] * v.norm)) >= threshold { Self.union(i, j, in: &parent) }
            dot[i] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// The groups of two or more articles, each ascending, ordered by their first index.
    func groups() -> [[Int]] {
        Self.components(parent: parent)
    }

    static func root(_ i: Int, in parent: inout [Int]) -> Int {
        var i = i
        while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
        return i
    }

    static func union(_ i: Int, _ j: Int, in parent: inout [Int]) {
        let (a, b) = (root(i, in: &parent), root(j, in: &parent))
        if a != b { parent[max(a, b)] = min(a, b) }
    }

    /// Components of a union-find forest with two or more members, as ``groups()`` orders them.
    static func components(parent: [Int]) -> [[Int]] {
        var parent = parent
        // A parent is never after its child (``union(_:_:in:)`` hangs the later root under the
        // earlier one, ``root(_:in:)`` only shortens paths), so in ascending order each parent
        // already points at its root when its children are reached: one pass finds every root.
        // Sizes come with it, so that only groups are built (not an array per article).
        var size = [Int](repeating: 0, count: parent.count)
        for i in parent.indices {
            let p = parent[i]
            guard p >= 0, p <= i else { parent[i] = root(i, in: &parent); size[parent[i]] += 1; continue }
            parent[i] = parent[p]
            size[parent[i]] += 1
        }
        // Walking indices in order makes each group ascending and the groups ordered by root.
        var groupOfRoot = [Int](repeating: -1, count: parent.count)
        var result: [[Int]] = []
        for i in parent.indices {
            // After the pass above every parent is its root.
            let r = parent[i]
            guard size[r] > 1 else { continue }
            if groupOfRoot[r] < 0 {
                groupOfRoot[r] = result.count
                result.append([])
                result[result.count - 1].reserveCapacity(size[r])
            }
            result[groupOfRoot[r]].append(i)
        }
        return result
    }
}
