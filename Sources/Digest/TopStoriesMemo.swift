import Foundation
import Ledger
import Summarizer

/// What one day's top-story search computed, for the next search of that day: the article
/// vectors (with the term ids they were built with) and the group summaries.
///
/// Arrivals are appended to a day, so the next search usually sees the same articles plus new
/// ones. Term ids are assigned in order of first sight, so building vectors for the new articles
/// with the same builder gives exactly the ids (and vectors) a fresh build over the whole day
/// would; any other change (an article replaced, one inserted earlier) starts afresh.
// @unchecked Sendable: every stored property is read and written under `lock` only.
final class TopStoriesMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var articles: [ArticleRecord] = []
    private var vectors: [TermVector] = []
    private var builder: TermVectorBuilder?
    private var grouping = StoryGrouping(threshold: TopStories.threshold)
    /// Group summaries by the summarized members' records.
    private var summaries: [(members: [ArticleRecord], summary: [String])] = []
    private var usedSummaries: [(members: [ArticleRecord], summary: [String])] = []

    /// The vectors of `articles`, reusing those of a previous prefix.
    func vectors(of articles: [ArticleRecord], cache: TermCache?) -> [TermVector] {
        lock.lock()
        defer { lock.unlock() }
        summaries = usedSummaries
        usedSummaries = []
        if let builder, self.articles.count <= articles.count, articles.starts(with: self.articles) {
            let added = builder.articleVectors(Array(articles[self.articles.count...]))
            vectors += added
            for vector in added { grouping.add(vector) }
        } else {
            let fresh = TermVectorBuilder(cache: cache)
            builder = fresh
            vectors = fresh.articleVectors(articles)
            grouping = StoryGrouping(threshold: TopStories.threshold)
            for vector in vectors { grouping.add(vector) }
        }
        self.articles = articles
        return vectors
    }

    /// The groups of the articles last passed to ``vectors(of:cache:)``; nil unless `threshold`
    /// is the one the memo groups by.
    func groups(threshold: Double) -> [[Int]]? {
        lock.lock()
        defer { lock.unlock() }
        guard threshold == grouping.threshold else { return nil }
        return grouping.groups()
    }

    func summary(of members: [ArticleRecord]) -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return summaries.first { $0.members == members }?.summary
    }

    func store(summary: [String], of members: [ArticleRecord]) {
        lock.lock()
        defer { lock.unlock() }
        usedSummaries.append((members, summary))
    }
}
