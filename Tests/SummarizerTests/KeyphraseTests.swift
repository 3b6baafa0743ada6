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
        #expect(keywords.contains("Libyan National Army") || keywords.contains("Khalifa Haftar"))
        // The army and its commander are two keyphrases, never one run of five names.
        #expect(!keywords.contains { $0.contains("Army Khalifa") })
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

    @Test("a name after the organisation or title it follows is a candidate of its own")
    func trailingNames() {
        #expect(Keyphrases.candidates(in: "He met the Commander of the Libyan National Army Khalifa Haftar in Benghazi.")
            == ["Libyan National Army", "Khalifa Haftar"])
        #expect(Keyphrases.candidates(in: "French President Emmanuel Macron spoke.") == ["French President", "Emmanuel Macron"])
        // Common words make up the whole name: kept whole.
        #expect(Keyphrases.candidates(in: "Shares fell on the New York Stock Exchange.") == ["New York Stock Exchange"])
    }

    @Test("keyword clean-up: no headline verbs, no split names, no possessives")
    func cleanUp() throws {
        let summary = Summarizer().summarize(try Fixture.text("keyword-cleanup-story.txt"))
        let keywords = summary.keywords
        #expect(keywords.contains("San Francisco"))
        #expect(!keywords.contains("San") && !keywords.contains("Francisco"))
        // "hits" is used as a verb ("hit the Bay Area"); "calms" is in the headline only.
        for verb in ["hits", "hit", "calms", "calm"] { #expect(!keywords.contains(verb)) }
        #expect(keywords.contains("storm"))
        #expect(!keywords.contains { $0.contains("'s") || $0.contains("’s") })
        #expect(!keywords.isEmpty && keywords.count <= 5)
    }

    @Test("verb evidence: a word before an article is a verb, one after it a noun")
    func verbs() {
        let analyzer = TextAnalyzer(language: "english")
        let verbs = VerbEvidence.verbs(title: "Storm hits coast", sentences: ["The storm hit the coast.", "The storm passed."],
                                       language: "english", analyzer: analyzer)
        let hit = analyzer.termID(ofToken: "hits")
        let storm = analyzer.termID(ofToken: "storm")
        #expect(hit != nil && verbs.contains(hit ?? -1))
        #expect(storm != nil && !verbs.contains(storm ?? -1))
        #expect(VerbEvidence.verbs(title: nil, sentences: ["Der Sturm traf die Küste."], language: "german", analyzer: analyzer).isEmpty)
    }

    @Test("merging drops single words a phrase covers and strips possessives")
    func merging() {
        #expect(Keyphrases.merged(phrases: ["Libyan National Army"], keywords: ["Libya", "Egypt’s", "ceasefire"])
            == ["Libyan National Army", "Egypt", "ceasefire"])
        // A capitalised single word of a name stands as the whole name.
        #expect(Keyphrases.merged(phrases: [], keywords: ["San", "storm", "Francisco"], names: ["San Francisco"])
            == ["San Francisco", "storm"])
    }
}
