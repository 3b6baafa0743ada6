import CStemmer
import Synchronization

/// Reduces words to their stems with the Snowball algorithms of libstemmer
/// (Porter, "Snowball: A language for stemming algorithms", 2001; snowballstem.org).
///
/// Words are lower-cased before stemming, because the Snowball algorithms expect
/// lower-case input. A language without an algorithm stems to the lower-cased word.
///
/// - Important: libstemmer's stemmer object keeps internal state, so an instance is
///   **not** thread-safe and is not `Sendable`: create one per task or per call.
package final class SnowballStemmer {
    /// The Snowball algorithm in use, or `nil` when the language has none.
    package let algorithm: String?
    private let stemmer: OpaquePointer?

    /// Stems already computed, per algorithm, shared by every instance in the process:
    /// news repeats its vocabulary from article to article. Stemming is a pure function,
    /// so the cache never changes a result. Bounded by ``sharedCacheLimit`` words per algorithm.
    private static let sharedCache = Mutex<[String: [String: String]]>([:])
    /// Words kept per algorithm in the shared cache (about 2 MB of memory when full).
    static let sharedCacheLimit = 30_000

    /// Every algorithm libstemmer provides (`"arabic"`, `"danish"`, … `"turkish"`), sorted.
    package static var algorithms: [String] {
        guard let list = sb_stemmer_list() else { return [] }
        var names: [String] = []
        var index = 0
        while let name = list[index] {
            names.append(String(cString: name))
            index += 1
        }
        return names.sorted()
    }

    /// Opens the stemmer for a Snowball language name.
    ///
    /// - Parameter language: a name from ``algorithms`` (case-insensitive). Unknown
    ///   names give a stemmer that only lower-cases.
    package init(language: String) {
        let name = language.lowercased()
        let pointer = sb_stemmer_new(name, "UTF_8")
        self.stemmer = pointer
        self.algorithm = pointer == nil ? nil : name
    }

    deinit {
        if let stemmer { sb_stemmer_delete(stemmer) }
    }

    /// The stem of `word`, lower-cased first. Results are memoised process-wide.
    ///
    /// - Complexity: O(length of `word`) on first sight of a word, O(1) after.
    package func stem(_ word: String) -> String {
        stem(lowercased: word.lowercased())
    }

    /// ``stem(_:)`` for a word that is already lower-case.
    func stem(lowercased lower: String) -> String {
        guard let algorithm else { return lower }
        if let hit = Self.sharedCache.withLock({ $0[algorithm]?[lower] }) { return hit }
        let result = computeStem(lower)
        Self.sharedCache.withLock { cache in
            if cache[algorithm, default: [:]].count < Self.sharedCacheLimit { cache[algorithm, default: [:]][lower] = result }
        }
        return result
    }

    /// Words kept in the process-wide stem cache, over every algorithm.
    package static var cachedStems: Int {
        sharedCache.withLock { $0.values.reduce(0) { $0 + $1.count } }
    }

    /// Words kept in the process-wide stem cache for one algorithm (for tests).
    static func cachedStems(algorithm: String) -> Int {
        sharedCache.withLock { $0[algorithm]?.count ?? 0 }
    }

    /// Empties the process-wide stem cache (and frees its storage), for an idle service: the
    /// next article stems its words again (libstemmer: 2.4-4 M words/s). Results are unchanged.
    package static func releaseCache() {
        sharedCache.withLock { $0 = [:] }
    }

    /// ``stem(lowercased:)`` without the process-wide cache, for a caller that keeps its own
    /// (``TextAnalyzer``, through ``TokenAnalysisCache``): one lock and one table less per word.
    func stemUncached(lowercased lower: String) -> String {
        algorithm == nil ? lower : computeStem(lower)
    }

    private func computeStem(_ lower: String) -> String {
        guard let stemmer else { return lower }
        var bytes = Array(lower.utf8)
        let count = Int32(bytes.count)
        let stemmed: String? = bytes.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress,
                  let out = sb_stemmer_stem(stemmer, base, count) else { return nil }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
        }
        return stemmed ?? lower
    }
}
