import Foundation
import Ledger

/// One day's digest as every format shows it: the articles in arrival order, the top stories
/// found among them, and the articles that are in no top story.
package struct DayDigest: Sendable {
    /// `YYYY-MM-DD`.
    package let day: String
    /// The day's articles, in arrival order.
    package let articles: [ArticleRecord]
    /// Groups of articles reporting the same story, ordered by their earliest article.
    package let topStories: [TopStory]

    /// Builds the digest of `day`, finding its top stories with ``TopStories/find(in:)``.
    /// - Parameters:
    ///   - day: `YYYY-MM-DD`.
    ///   - articles: the day's articles, in arrival order.
    package init(day: String, articles: [ArticleRecord]) {
        self.init(day: day, articles: articles, cache: nil)
    }

    /// ``init(day:articles:)`` reusing the stems held by `cache` and the previous search kept by
    /// `memo` (`unchangedPrefix`: see ``TopStories/find(in:cache:memo:unchangedPrefix:)``); the
    /// digest is the same.
    init(day: String, articles: [ArticleRecord], cache: TermCache?, memo: TopStoriesMemo? = nil, unchangedPrefix: Int? = nil) {
        self.day = day
        self.articles = articles
        self.topStories = TopStories.find(in: articles, cache: cache, memo: memo, unchangedPrefix: unchangedPrefix)
        var grouped = [Bool](repeating: false, count: articles.count)
        for story in topStories { for m in story.members where grouped.indices.contains(m) { grouped[m] = true } }
        self.singles = articles.indices.filter { !grouped[$0] }
    }

    /// Indices into ``articles`` of the articles in no top story, ascending (found once, as every
    /// format lists them).
    package let singles: [Int]

    /// For each article, the index of its top story in ``topStories``, or nil.
    package var storyOfArticle: [Int?] {
        var result = [Int?](repeating: nil, count: articles.count)
        for (s, story) in topStories.enumerated() { for m in story.members { result[m] = s } }
        return result
    }

    /// "Sunday, 29 November 2026".
    package var longDate: String { MarkdownDigest.longDate(day) }

    /// The instant of the latest arrival as RFC 3339 with that article's offset, e.g.
    /// `2026-11-29T15:00:00+01:00`; nil for a day without articles.
    package var updated: String? {
        latest.map { ArticleFacts.timestamp(articles[$0]) }
    }

    /// The index in ``articles`` of the latest arrival (arrival instant, then row id; the first
    /// of equals), nil for a day without articles. Found by reading those two fields in place:
    /// `max(by:)` copied every record into its closure, a retain of each of its strings and
    /// arrays, which was a sixth of a write's time on a 10,000-article day.
    package var latest: Int? {
        articles.withUnsafeBufferPointer { rows -> Int? in
            guard !rows.isEmpty else { return nil }
            var best = 0
            var key = (rows[0].arrivedAt, rows[0].id ?? 0)
            for i in rows.indices.dropFirst() {
                let candidate = (rows[i].arrivedAt, rows[i].id ?? 0)
                if key < candidate { best = i; key = candidate }
            }
            return best
        }
    }
}
