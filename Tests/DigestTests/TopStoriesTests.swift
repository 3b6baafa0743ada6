import Foundation
import Testing
@testable import Digest
import Summarizer
import Ledger

@Suite struct TopStoriesTests {
    /// Twelve real BBC articles, plus near-copies of three of them (new title, reworded lead, one of
    /// them also cut to every other paragraph) arriving later in the day.
    static func dayWithNearCopies() -> (articles: [ArticleRecord], copies: [(original: Int, copy: Int)]) {
        let names = EvalArticles.bbcNames()
        let chosen = stride(from: 0, to: names.count, by: names.count / 12).prefix(12).map { names[$0] }
        var articles = chosen.enumerated().map { EvalArticles.record(name: $1, text: EvalArticles.text($1), arrival: $0) }
        var copies: [(Int, Int)] = []
        for (k, original) in [1, 5, 9].enumerated() {
            let text = EvalArticles.nearCopy(of: EvalArticles.text(chosen[original]), trim: k == 2)
            articles.append(EvalArticles.record(name: "copy-\(k)-" + chosen[original], text: text, arrival: 20 + k))
            copies.append((original, articles.count - 1))
        }
        return (articles, copies)
    }

    @Test(.enabled(if: EvalArticles.available))
    func eachStoryAppearsOnceInTopStories() throws {
        let (articles, copies) = Self.dayWithNearCopies()
        let stories = TopStories.find(in: articles)
        #expect(stories.map(\.members) == copies.map { [$0.original, $0.copy] })
        for story in stories {
            #expect(story.headline == articles[story.members[0]].title)
            #expect(!story.summary.isEmpty && story.summary.count <= TopStories.summarySentences)
            // Sentences are quoted from the members, and the same sentence is never told twice.
            let pool = Set(story.members.flatMap { articles[$0].sentences })
            #expect(story.summary.allSatisfy(pool.contains))
            #expect(Set(story.summary).count == story.summary.count)
        }
        // Every article is shown once: in one top story or among the singles.
        let digest = DayDigest(day: "2026-11-29", articles: articles)
        let shown = digest.topStories.flatMap(\.members) + digest.singles
        #expect(shown.sorted() == Array(articles.indices))
        // Markdown shows each article once: a member under its story (title and source, no
        // entry of its own), every other article as an entry; each story once at the top.
        let markdown = MarkdownDigest.render(digest)
        let parsed = try #require(MarkdownDigest.parse(markdown))
        #expect(parsed.count == articles.count)
        #expect(parsed.map(\.source) == (digest.topStories.flatMap(\.members) + digest.singles).map { ArticleFacts.sourceName(articles[$0]) })
        #expect(markdown.components(separatedBy: "### Top story: ").count == copies.count + 1)
        #expect(markdown.components(separatedBy: "\n## ").count == digest.singles.count + 1)
        for member in digest.topStories.flatMap(\.members) {
            #expect(parsed.first { $0.source == ArticleFacts.sourceName(articles[member]) }?.sentences == [])
            // Its sentences are shown at most once (in the story's summary), never again in an entry.
            for sentence in articles[member].sentences {
                #expect(markdown.components(separatedBy: MarkdownDigest.escape(sentence)).count <= 2, "told twice: \(sentence)")
            }
        }
    }

    @Test(.enabled(if: EvalArticles.available))
    func groupingIsStableAsTheDayGrowsAndIndependentOfHashing() {
        let (articles, _) = Self.dayWithNearCopies()
        let full = TopStories.find(in: articles)
        // Growing the day one article at a time: an existing group never loses a member.
        var previous: [[Int]] = []
        for n in 1...articles.count {
            let groups = TopStories.find(in: Array(articles.prefix(n))).map(\.members)
            for old in previous { #expect(groups.contains { Set(old).isSubset(of: $0) }) }
            previous = groups
        }
        #expect(previous == full.map(\.members))
        // Same input, same output (summaries too), run after run.
        #expect(TopStories.find(in: articles) == full)
    }

    /// The threshold is checked on the data it was chosen on: distinct BBC articles rarely reach
    /// it, and near-copies always do.
    @Test(.enabled(if: EvalArticles.available))
    func thresholdSeparatesDistinctArticlesFromNearCopies() {
        let names = EvalArticles.bbcNames()
        let records = names.enumerated().map { EvalArticles.record(name: $1, text: EvalArticles.text($1), arrival: $0) }
        let vectors = TermVectorBuilder().articleVectors(records)
        var above = 0, pairs = 0
        for i in vectors.indices {
            for j in vectors.indices where j > i {
                pairs += 1
                if vectors[i].cosine(vectors[j]) >= TopStories.threshold { above += 1 }
            }
        }
        #expect(pairs == names.count * (names.count - 1) / 2)
        #expect(Double(above) / Double(pairs) < 0.001, "\(above) of \(pairs) distinct pairs reach the threshold")
        for (k, name) in names.enumerated() where k % 10 == 0 {
            for trim in [false, true] {
                let copy = EvalArticles.record(name: "copy", text: EvalArticles.nearCopy(of: EvalArticles.text(name), trim: trim), arrival: 0)
                #expect(TopStories.similarity(records[k], copy) >= TopStories.threshold, "\(name) trim=\(trim)")
            }
        }
    }

    @Test func unrelatedArticlesMakeNoTopStory() {
        func a(_ title: String, _ s: [String]) -> ArticleRecord {
            ArticleRecord(path: "/in/\(title).txt", sha256: title, size: 1, arrivedAt: 0, utcOffset: 0, day: "1970-01-01", title: title,
                          sentences: s, keywords: [], wordCount: 10, sentenceCount: 1, language: "english")
        }
        let articles = [a("Harbour reopens", ["The harbour reopened after the storm."]),
                        a("Chess final drawn", ["The chess final ended in a draw."])]
        #expect(TopStories.find(in: articles).isEmpty)
        #expect(DayDigest(day: "1970-01-01", articles: articles).singles == [0, 1])
    }

    @Test func lexRankFavoursTheCentralSentence() {
        // Sentence 1 is similar to both others; 0 and 2 share nothing. Top stories rank with
        // the Summarizer's scorer over a graph of given weights.
        let sim: [[Double]] = [[0, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0]]
        let scores = TextRankScorer().scores(SimilarityGraph(count: 3) { sim[$0][$1] })
        #expect(scores[1] > scores[0] && scores[1] > scores[2])
        #expect(abs(scores.reduce(0, +) - 1) < 1e-9)
    }
}
