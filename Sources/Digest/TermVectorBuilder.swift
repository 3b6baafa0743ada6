import Foundation
import Ledger
import Summarizer

/// Turns text into stemmed content terms with the Summarizer's ``TextAnalyzer`` (the same
/// terms the article's summary and keywords were ranked by). Holds analysers, which are not
/// thread-safe: one builder per call.
final class TermVectorBuilder {
    private var analyzers: [String: TextAnalyzer] = [:]
    /// Term ids, in order of first sight: comparing integers keeps the O(n²) comparisons cheap.
    private var ids: [String: Int] = [:]
    private let cache: TermCache?

    /// - Parameter cache: where stems of texts already seen are kept, or nil.
    init(cache: TermCache? = nil) {
        self.cache = cache
    }

    private func id(_ term: String) -> Int {
        if let known = ids[term] { return known }
        ids[term] = ids.count
        return ids.count - 1
    }

    func terms(_ text: String, language: String) -> [String] {
        guard let cache else { return computeTerms(text, language: language) }
        return cache.terms(text, language: language) { computeTerms(text, language: language) }
    }

    private func computeTerms(_ text: String, language: String) -> [String] {
        let analyzer = analyzers[language] ?? TextAnalyzer(language: language)
        analyzers[language] = analyzer
        return analyzer.stems(of: text)
    }

    func vector(text: String, language: String) -> TermVector {
        var counts: [Int: Double] = [:]
        for t in terms(text, language: language) { counts[id(t), default: 0] += 1 }
        return TermVector(counts: counts)
    }

    func articleVectors(_ articles: [ArticleRecord]) -> [TermVector] {
        articles.map { a in
            var counts: [Int: Double] = [:]
            for t in terms(a.title, language: a.language) { counts[id(t), default: 0] += 2 }
            for s in a.sentences { for t in terms(s, language: a.language) { counts[id(t), default: 0] += 1 } }
            for k in a.keywords { for t in terms(k, language: a.language) { counts[id(t), default: 0] += 1 } }
            return TermVector(counts: counts)
        }
    }
}
