import Foundation
import Testing
@testable import Digest
import Ledger

/// A day's feed entry carries only the top stories with the latest reports
/// (``AtomFeed/latestStories``) and the latest articles of the rest (``AtomFeed/latestArticles``),
/// with a link to the day's page for all of them: the feed stays small however large the day
/// grows, and the newest arrival is always in it.
@Suite struct FeedLatestTests {
    /// Twelve articles of distinct stories (no top story), one minute apart.
    static func articles() -> [ArticleRecord] {
        // No word in common between two articles, so no two are one story.
        let words = ["harbour", "ferry", "council", "budget", "storm", "rail", "strike", "museum", "bridge", "school", "vaccine", "court"]
        let others = ["tulip", "glacier", "violin", "copper", "meadow", "falcon", "lantern", "orchard", "quarry", "saddle", "walnut", "zephyr"]
        return words.enumerated().map { k, word in
            ArticleRecord(path: "/srv/inbox/\(word).txt", sha256: IncrementalWriteTests.hex(k + 1), size: 900,
                          arrivedAt: 1_764_374_400_000 + Int64(k) * 60_000, utcOffset: 0, day: "2026-11-29",
                          title: "\(word.capitalized) \(others[k])", sentences: ["\(others[k].capitalized) \(word)."],
                          keywords: [word], wordCount: 100, sentenceCount: 1, language: "english")
        }
    }

    @Test func theFeedShowsTheLatestArticlesAndLinksToThePageForTheRest() throws {
        let folder = try IncrementalWriteTests.Folder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.path + "/digestd.sqlite")
        let writer = DigestWriter(output: folder.path + "/out", ledger: ledger, formats: [.markdown, .html, .atom], feedArticles: 5)
        let articles = Self.articles()
        for (n, article) in articles.enumerated() {
            _ = try ledger.record(article, mtimeNanoseconds: 0)
            try writer.writeDirtyDays(deferringSync: true)
            let feed = try String(contentsOfFile: folder.path + "/out/feed.atom", encoding: .utf8)
            let page = try String(contentsOfFile: folder.path + "/out/2026-11-29.html", encoding: .utf8)
            // The newest arrival is in the feed at once, and so are the four before it.
            for shown in articles[max(0, n - 4)...n] { #expect(feed.contains(shown.title), "\(shown.title) after \(n + 1)") }
            // Earlier ones only on the page, which the entry links to.
            for left in articles[..<max(0, n - 4)] {
                #expect(!feed.contains(left.title), "\(left.title) after \(n + 1)")
                #expect(page.contains(left.title))
            }
            let entries = feed.components(separatedBy: "&lt;article class=&quot;entry&quot;").count - 1
            #expect(entries == min(n + 1, 5))
            if n + 1 > 5 {
                #expect(feed.contains("The latest 5 of \(n + 1); &lt;a href=&quot;2026-11-29.html&quot;&gt;the day&#39;s page&lt;/a&gt; lists every one."))
                #expect(feed.contains("\(n + 1 - 5) earlier article"))
            } else {
                #expect(!feed.contains("The latest"))
            }
            // The page itself lists every article and says nothing of a cut.
            #expect(page.components(separatedBy: "<article class=\"entry\"").count - 1 == n + 1)
            #expect(!page.contains("The latest"))
        }
    }

    /// Two reports each of five distinct stories (each pair one top story), one minute apart,
    /// then a third report of the first story.
    static func storyReports() -> [ArticleRecord] {
        let topics = [("harbour", "ferry"), ("council", "budget"), ("storm", "rail"), ("museum", "bridge"), ("vaccine", "court")]
        let reports = topics.indices.flatMap { k in [(k, 0), (k, 1)] } + [(0, 2)]
        return reports.enumerated().map { n, report in
            let (a, b) = topics[report.0]
            return ArticleRecord(path: "/srv/inbox/\(a)-\(report.1).txt", sha256: IncrementalWriteTests.hex(100 + n), size: 900,
                                 arrivedAt: 1_764_374_400_000 + Int64(n) * 60_000, utcOffset: 0, day: "2026-11-29",
                                 title: "\(a.capitalized) \(b) talks", sentences: ["The \(a) \(b) talks went on.", "\(b.capitalized) \(a) news."],
                                 keywords: [a, b], wordCount: 100, sentenceCount: 2, language: "english")
        }
    }

    @Test func theFeedShowsTheStoriesWithTheLatestReportsAndLinksToThePageForTheRest() throws {
        let folder = try IncrementalWriteTests.Folder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.path + "/digestd.sqlite")
        let writer = DigestWriter(output: folder.path + "/out", ledger: ledger, formats: [.markdown, .html, .atom], feedStories: 2)
        let reports = Self.storyReports()
        func files() throws -> (feed: String, page: String) {
            (try String(contentsOfFile: folder.path + "/out/feed.atom", encoding: .utf8),
             try String(contentsOfFile: folder.path + "/out/2026-11-29.html", encoding: .utf8))
        }
        func storyCount(_ text: String, escaped: Bool) -> Int {
            text.components(separatedBy: escaped ? "&lt;article class=&quot;story&quot;" : "<article class=\"story\"").count - 1
        }
        for report in reports.dropLast() { _ = try ledger.record(report, mtimeNanoseconds: 0) }
        try writer.writeDirtyDays(deferringSync: true)
        var (feed, page) = try files()
        #expect(storyCount(page, escaped: false) == 5)
        #expect(storyCount(feed, escaped: true) == 2)
        // The two latest stories (museum, vaccine), in the page's order; the others on the page only.
        #expect(feed.contains("Museum bridge talks"))
        #expect(feed.contains("Vaccine court talks"))
        for left in ["Harbour ferry talks", "Council budget talks", "Storm rail talks"] {
            #expect(!feed.contains(left), "\(left)")
            #expect(page.contains(left))
        }
        #expect(feed.contains("The 2 with the latest reports of 5; &lt;a href=&quot;2026-11-29.html&quot;&gt;the day&#39;s page&lt;/a&gt; lists every one."))
        #expect(feed.contains("3 other top stories"))
        #expect(!page.contains("with the latest reports"))
        // A third report of the first story: it is the newest arrival, so its story is shown.
        _ = try ledger.record(reports.last!, mtimeNanoseconds: 0)
        try writer.writeDirtyDays(deferringSync: true)
        (feed, page) = try files()
        #expect(storyCount(feed, escaped: true) == 2)
        #expect(feed.contains("Harbour ferry talks"))
        #expect(feed.contains("Vaccine court talks"))
        #expect(!feed.contains("Museum bridge talks"))
        let harbour = try #require(feed.range(of: "Harbour ferry talks")), vaccine = try #require(feed.range(of: "Vaccine court talks"))
        #expect(harbour.lowerBound < vaccine.lowerBound, "page order: the story with the earliest report first")
    }
}
