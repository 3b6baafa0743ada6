import Testing
@testable import Summarizer

/// Keywords people would pick (issue 14): names as phrases, possessives stripped, related
/// forms merged.
@Suite("Keyphrases")
struct KeyphraseTests {
    @Test("the untitled wire story's keywords hold its names as phrases, without possessives or near-duplicates")
    func wireStory() throws {
        let summary = Summarizer().summarize(try Fixture.text("untitled-wire-story.txt"))
        let keywords = summary.keywords
        #expect(keywords.contains("Abbas Kamel"))
        #expect(keywords.contains("General Intelligence Service"))
        #expect(keywords.contains { $0.hasPrefix("Libyan National Army") })
        #expect(!keywords.contains { $0.hasSuffix("’s") || $0.hasSuffix("'s") })
        // "Libya" and "Libyan" are one keyword, held by the phrase.
        #expect(!keywords.contains("Libya") && !keywords.contains("Libyan"))
        #expect(keywords.count <= 5)
    }

    @Test("candidates: capitalised runs, cut at punctuation and possessives; sentence-initial single words are not phrases")
    func candidates() {
        #expect(Keyphrases.candidates(in: "Egypt’s Abbas Kamel met Aguila Saleh, the Speaker, in San Francisco.")
            == ["Abbas Kamel", "Aguila Saleh", "San Francisco"])
        #expect(Keyphrases.candidates(in: "The talks ended.") .isEmpty)
    }

    @Test("merging drops single words a phrase covers and strips possessives")
    func merging() {
        #expect(Keyphrases.merged(phrases: ["Libyan National Army"], keywords: ["Libya", "Egypt’s", "ceasefire"])
            == ["Libyan National Army", "Egypt", "ceasefire"])
    }
}
