import Foundation
import Testing
@testable import Digest
import Ledger

/// Issue 16: a top story's members are shown once, under their story, in Markdown as in HTML.
@Suite struct EachStoryOnceTests {
    static func article(_ id: Int64, _ title: String, _ sentences: [String], path: String) -> ArticleRecord {
        ArticleRecord(id: id, path: path, sha256: "h\(id)", size: 10, arrivedAt: 1_764_424_800_000 + id * 60_000, utcOffset: 3600,
                      day: "2026-11-29", title: title, sentences: sentences, keywords: ["harbour", "ferry"], wordCount: 460,
                      sentenceCount: 9, language: "english")
    }

    /// Two reports of one story (near-identical text) and one unrelated article.
    static let day: [ArticleRecord] = [
        article(1, "Harbour reopens after the storm", ["The harbour reopened on Monday after the storm.", "Ferries to the islands run again from Tuesday."], path: "/in/harbour-a.txt"),
        article(2, "Library hours change", ["The library opens late on Friday.", "Staff training runs all morning."], path: "/in/library.txt"),
        article(3, "Storm over: harbour reopens", ["The harbour reopened on Monday after the storm passed.", "Ferries to the islands run again from Tuesday morning."], path: "/in/harbour-`b`.txt"),
    ]

    @Test func membersAreListedUnderTheirStoryAndNotAgain() throws {
        let digest = DayDigest(day: "2026-11-29", articles: Self.day)
        try #require(digest.topStories.map(\.members) == [[0, 2]])
        let text = MarkdownDigest.render(digest)
        // Under the story: title and source of each member.
        #expect(text.contains("\n- Harbour reopens after the storm (`harbour-a.txt`)\n"))
        #expect(text.contains("\n- Storm over: harbour reopens (``harbour-`b`.txt``)\n"))
        // One full entry only: the unrelated article's.
        #expect(text.components(separatedBy: "\n## ").count == 2)
        #expect(text.contains("\n## Library hours change\n"))
        // No member sentence is told more than once.
        for sentence in Self.day[0].sentences + Self.day[2].sentences {
            #expect(text.components(separatedBy: sentence).count <= 2, "\(sentence)")
        }
        // Read back: one entry per article, members first, then the others.
        let entries = try #require(MarkdownDigest.parse(text))
        #expect(entries.map(\.source) == ["harbour-a.txt", "harbour-`b`.txt", "library.txt"])
        #expect(entries.map(\.title) == ["Harbour reopens after the storm", "Storm over: harbour reopens", "Library hours change"])
        #expect(entries[0].sentences.isEmpty && entries[2].sentences == Self.day[1].sentences)
    }

    @Test func markdownShowsWhatTheHTMLPageShows() throws {
        let digest = DayDigest(day: "2026-11-29", articles: Self.day)
        let html = try HTMLDigest.render(digest, links: .init(output: "/out", feed: false))
        let markdown = MarkdownDigest.render(digest)
        // Each full entry in HTML (<article class="entry">) is a `## ` entry in Markdown.
        #expect(html.components(separatedBy: "<article class=\"entry\"").count == markdown.components(separatedBy: "\n## ").count)
    }

    @Test func jsonKeepsEveryArticleWithItsStory() throws {
        let digest = DayDigest(day: "2026-11-29", articles: Self.day)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONDigest.render(digest).utf8)) as? [String: Any])
        let articles = try #require(json["articles"] as? [[String: Any]])
        #expect(articles.count == 3)
        #expect(articles.map { $0["top_story"] as? Int } == [0, nil, 0])
    }

    @Test func aLongLivedWriterWritesWhatAFreshOneWrites() throws {
        let folder = NSTemporaryDirectory() + "digestd-once-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: folder + "/digestd.sqlite")
        let writer = DigestWriter(output: folder, ledger: ledger)
        // The day grows: one article, then the unrelated one, then the second report (a story forms).
        for var record in Self.day {
            record.id = nil
            _ = try ledger.record(record, mtimeNanoseconds: 1)
            let longLived = try writer.render(day: "2026-11-29", format: .markdown)
            let fresh = try DigestWriter(output: folder, ledger: ledger).render(day: "2026-11-29", format: .markdown)
            #expect(longLived == fresh)
        }
        #expect(try MarkdownDigest.parse(writer.render(day: "2026-11-29", format: .markdown))?.count == 3)
    }
}
