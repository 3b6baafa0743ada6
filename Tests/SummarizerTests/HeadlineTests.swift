import Testing
@testable import Summarizer

/// Headlines for untitled articles (issue 14), from the sample wire story that has none.
@Suite("Headlines for untitled articles")
struct HeadlineTests {
    @Test("the untitled wire story gets its first clause, cut before a function word, no …")
    func wireStory() throws {
        let text = try Fixture.text("untitled-wire-story.txt")
        let article = Article(text: text)
        #expect(article.title == nil)
        let first = try #require(SentenceSegmenter().segment(article.body).first)
        let headline = Headline.make(from: first)
        #expect(headline == "Egypt’s Head of General Intelligence Service (GIS) Abbas Kamel held a meeting")
        #expect(headline.count <= Headline.maximumCharacters)
        #expect(!headline.contains("…"))
        #expect(first.hasPrefix(headline))
    }

    @Test("a clause ending in a comma is the cut; a short sentence is kept whole")
    func clauses() {
        #expect(Headline.make(from: "Firefighters contained a blaze at a warehouse in Hayward on Tuesday night, officials said, after residents reported smoke.")
            == "Firefighters contained a blaze at a warehouse in Hayward on Tuesday night")
        #expect(Headline.make(from: "Storm closes the coast road.") == "Storm closes the coast road")
    }

    @Test("never ends inside a word, even without any boundary")
    func noMidWordCut() {
        let sentence = String(repeating: "Supercalifragilistic ", count: 10) + "end."
        let headline = Headline.make(from: sentence)
        #expect(headline.count <= Headline.maximumCharacters)
        #expect(headline.split(separator: " ").allSatisfy { $0 == "Supercalifragilistic" })
    }
}
