import Foundation
import Testing
@testable import Digest
import Ledger

/// What a digest writer keeps between writes (stems, term vectors, story groups, rendered
/// entries, decoded rows) must never change a file: a long-lived writer, as the service holds,
/// writes exactly what a fresh one (as `digestd digest --rebuild`) writes.
@Suite struct WriteMemoTests {
    /// The near-copy day of ``TopStoriesTests``: twelve BBC articles and three near-copies.
    static func articles() -> [ArticleRecord] {
        TopStoriesTests.dayWithNearCopies().articles
    }

    @Test(.enabled(if: EvalArticles.available))
    func topStoriesFromTheMemoEqualAFreshSearchAsTheDayGrows() {
        let articles = Self.articles()
        let memo = TopStoriesMemo()
        let cache = TermCache()
        for n in 1...articles.count {
            let day = Array(articles.prefix(n))
            cache.startWrite()
            #expect(TopStories.find(in: day, cache: cache, memo: memo) == TopStories.find(in: day), "day of \(n)")
        }
        // An earlier article replaced in place (new content, same row): the memo starts afresh.
        var changed = articles
        changed[1].sentences = articles[4].sentences
        changed[1].title = articles[4].title
        #expect(TopStories.find(in: changed, cache: cache, memo: memo) == TopStories.find(in: changed))
        #expect(TopStories.find(in: articles, cache: cache, memo: memo) == TopStories.find(in: articles))
    }

    @Test func incrementalGroupingEqualsGroupingAllAtOnce() {
        // Vectors over a small vocabulary, so that many pairs share terms and some reach the threshold.
        var generator = SystemRandomNumberGenerator()
        var vectors: [TermVector] = []
        for _ in 0..<200 {
            var counts: [Int: Double] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) { counts[Int.random(in: 0..<25, using: &generator), default: 0] += 1 }
            vectors.append(TermVector(counts: counts))
        }
        var grouping = StoryGrouping(threshold: TopStories.threshold)
        for (n, vector) in vectors.enumerated() {
            grouping.add(vector)
            if n % 20 == 19 {
                #expect(grouping.groups() == TopStories.groups(vectors: Array(vectors.prefix(n + 1)), threshold: TopStories.threshold))
            }
        }
        // The pairwise definition (every pair's cosine), which the inverted index must reproduce.
        var parent = Array(vectors.indices)
        for i in vectors.indices {
            for j in vectors.indices where j > i && vectors[i].cosine(vectors[j]) >= TopStories.threshold {
                StoryGrouping.union(i, j, in: &parent)
            }
        }
        #expect(grouping.groups() == StoryGrouping.components(parent: parent))
    }

    @Test(.enabled(if: EvalArticles.available))
    func aLongLivedWriterWritesWhatAFreshWriterWrites() throws {
        let folder = NSTemporaryDirectory() + "digestd-memo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: folder + "/digestd.sqlite")
        let formats: [DigestFormat] = [.markdown, .html, .json, .atom]
        let longLived = DigestWriter(output: folder + "/out", ledger: ledger, formats: formats)
        for (n, article) in Self.articles().enumerated() {
            var record = article
            let hex = String(n + 1, radix: 16)
            record.sha256 = String(repeating: "0", count: 64 - hex.count) + hex
            _ = try ledger.record(record, mtimeNanoseconds: Int64(n))
            try longLived.writeDirtyDays()
            let fresh = DigestWriter(output: folder + "/out", ledger: ledger, formats: formats)
            for format in formats {
                #expect(try longLived.render(day: "2026-11-29", format: format) == fresh.render(day: "2026-11-29", format: format),
                        "\(format) after \(n + 1) articles")
            }
        }
        // The written Markdown file is the fresh rendering too.
        let written = try String(contentsOfFile: longLived.path(day: "2026-11-29"), encoding: .utf8)
        #expect(written == (try DigestWriter(output: folder + "/out", ledger: ledger).render(day: "2026-11-29")))
    }
}
