import Foundation
import Ledger
import Summarizer

/// What one day's top-story search computed, for the next search of that day: the article
/// vectors (with the term ids they were built with), the grouping they were added to, and the
/// group summaries.
///
/// Arrivals are appended to a day, so the next search usually sees the same articles plus new
/// ones. Term ids are assigned in order of first sight, so building vectors for the new articles
/// with the same builder gives exactly the ids (and vectors) a fresh build over the whole day
/// would, and adding them to the grouping gives the grouping of the whole day
/// (``StoryGrouping``): an arrival costs its own vector and the dot products with the earlier
/// articles that share a term. Any other change (an article replaced, one inserted earlier)
/// starts afresh.
///
/// Whether the earlier articles are unchanged is either told by the caller (``DayCopy`` knows
/// which rows it merged where: `unchangedPrefix`), or found by comparing the articles with those
/// of the previous search. Only the second way keeps the articles: a kept reference to the day's
/// rows would make the caller's next merge copy every one of them.
// @unchecked Sendable: every stored property is read and written under `lock` only.
final class TopStoriesMemo: @unchecked Sendable {
    private let lock = NSLock()
    /// The articles of the previous search, when the caller compares (no `unchangedPrefix`).
    private var articles: [ArticleRecord]?
    private var vectors: [TermVector] = []
    private var builder: TermVectorBuilder?
    private var grouping = StoryGrouping(threshold: TopStories.threshold)
    /// Group summaries by the summarized members' row ids, then records.
    private var summaries: [[Int64?]: [(members: [ArticleRecord], summary: [String])]] = [:]
    private var usedSummaries: [[Int64?]: [(members: [ArticleRecord], summary: [String])]] = [:]
    /// Leading articles of the last ``update(to:cache:unchangedPrefix:)`` known to be those of
    /// the update before it, unchanged (0 after a fresh start).
    private var unchanged = 0

    /// Brings the vectors and the grouping up to `articles`, reusing those of a previous prefix.
    /// - Parameter unchangedPrefix: how many leading articles are known to be those of the
    ///   previous call, unchanged; nil to compare them.
    func update(to articles: [ArticleRecord], cache: TermCache?, unchangedPrefix: Int? = nil) {
        lock.lock()
        defer { lock.unlock() }
        summaries = usedSummaries
        usedSummaries = [:]
        let kept = vectors.count
        let extends: Bool
        if let unchangedPrefix {
            extends = unchangedPrefix >= kept
        } else if let previous = self.articles {
            extends = previous.count == kept && articles.starts(with: previous)
        } else {
            extends = false
        }
        if let builder, extends, kept <= articles.count {
            unchanged = kept
            let added = builder.articleVectors(Array(articles[kept...]))
            vectors += added
            for vector in added { grouping.add(vector) }
        } else {
            unchanged = 0
            let fresh = TermVectorBuilder(cache: cache)
            builder = fresh
            vectors = fresh.articleVectors(articles)
            grouping = StoryGrouping(threshold: TopStories.threshold)
            for vector in vectors { grouping.add(vector) }
        }
        self.articles = unchangedPrefix == nil ? articles : nil
    }

    /// The groups of the articles last passed to ``update(to:cache:unchangedPrefix:)``; nil
    /// unless `threshold` is the one the memo groups by.
    func groups(threshold: Double) -> [[Int]]? {
        lock.lock()
        defer { lock.unlock() }
        guard threshold == grouping.threshold else { return nil }
        return grouping.groups()
    }

    /// The summary the previous search stored for the group whose summarized members have row
    /// ids `ids` and sit at `positions`, when every one of those positions is among the articles
    /// unchanged since that search: then the stored summary was made from these very rows, and
    /// it is kept for the next search without copying or comparing them (a thousand top stories
    /// of up to 12 rows each are on a 10,000-article day). Nil otherwise, and when a row has no
    /// id: use
    /// ``summary(of:)`` and ``store(summary:of:)``.
    func keptSummary(ids: [Int64?], positions: ArraySlice<Int>) -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        // Rows without an id (not from the ledger) are told apart only by their contents.
        guard !ids.contains(nil), positions.allSatisfy({ $0 < unchanged }), let entries = summaries[ids], entries.count == 1 else { return nil }
        usedSummaries[ids] = entries
        return entries[0].summary
    }

    func summary(of members: [ArticleRecord]) -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return summaries[members.map(\.id)]?.first { $0.members == members }?.summary
    }

    func store(summary: [String], of members: [ArticleRecord]) {
        lock.lock()
        defer { lock.unlock() }
        usedSummaries[members.map(\.id), default: []].append((members, summary))
    }
}
