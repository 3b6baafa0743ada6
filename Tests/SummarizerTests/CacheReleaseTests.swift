import Testing
@testable import Summarizer

/// What an idle service lets go of in the Summarizer (``SummarizerCaches/releaseAll()``): the
/// per-language tables and the stem cache empty, and the next summary is the same.
@Suite struct CacheReleaseTests {
    @Test func everyLanguageMemoIsEmptiedAndComputedAgain() {
        // A memo of this test's own, so that no other test running at the same time refills it.
        let memo = LanguageMemo<[String]>()
        var computed = 0
        _ = memo.value(for: "xx") { computed += 1; return ["a", "b"] }
        _ = memo.value(for: "yy") { computed += 1; return ["c"] }
        _ = memo.value(for: "xx") { computed += 1; return ["never"] }
        #expect(memo.count == 2 && computed == 2)
        SummarizerCaches.releaseAll()
        #expect(memo.count == 0)
        #expect(memo.value(for: "xx") { computed += 1; return ["a", "b"] } == ["a", "b"])
        #expect(computed == 3)
    }

    @Test func theStemCacheIsEmptiedAndStemsStayTheSame() {
        // Basque: an algorithm no other test stems with, so its count is this test's alone.
        let stemmer = SnowballStemmer(language: "basque")
        let words = ["etxeetan", "mendiak", "gizonarekin", "liburuak", "etxea"]
        let stems = words.map { stemmer.stem($0) }
        #expect(SnowballStemmer.cachedStems(algorithm: "basque") == Set(words).count)
        SummarizerCaches.releaseAll()
        #expect(SnowballStemmer.cachedStems(algorithm: "basque") == 0)
        #expect(words.map { stemmer.stem($0) } == stems)
    }

    @Test func aSummaryAfterTheReleaseIsTheSame() throws {
        let text = try Fixture.text("field-cases/F25/article.txt")
        let before = Summarizer().summarize(text)
        SummarizerCaches.releaseAll()
        let after = Summarizer().summarize(text)
        #expect(after.sentences.map(\.text) == before.sentences.map(\.text))
        #expect(after.keywords == before.keywords)
    }
}
