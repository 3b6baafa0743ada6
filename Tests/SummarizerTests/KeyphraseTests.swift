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

    @Test("a run never starts or ends with a stopword: sentence openers and function words are dropped")
    func stopwordEdges() {
        let english = StopwordList(language: "english")
        #expect(Keyphrases.candidates(in: "But Mr Biden said no.", stopwords: english) == ["Mr Biden"])
        #expect(Keyphrases.candidates(in: "But Mr said no.", stopwords: english).isEmpty)
        #expect(Keyphrases.candidates(in: "When President Trump spoke, On Nov the deal fell.", stopwords: english)
            == ["President Trump"])
        #expect(Keyphrases.candidates(in: "In July the ferry sailed. The Kolm ferry was late.", stopwords: english).isEmpty)
        #expect(Keyphrases.candidates(in: "The European Space Agency said.", stopwords: english) == ["European Space Agency"])
        #expect(Keyphrases.candidates(in: "But Mr Blair said no, and Mr Blair left.", stopwords: english) == ["Mr Blair", "Mr Blair"])
        #expect(Keyphrases.candidates(in: "Does Marie Yovanovitch Have a case", stopwords: english) == ["Marie Yovanovitch"])
    }

    @Test("Title Case headlines are no evidence of a name: every keyword occurs in the body")
    func headlineCapitalsAreNotNames() {
        let title = "Man Developed Feather Duvet Lung After Getting New Bedding"
        let body = """
            A man developed a rare lung condition after he switched to a feather duvet, doctors said. \
            The 43-year-old had been breathless for three months before he saw a doctor in Glasgow. \
            Doctors found that the feathers in his new bedding had inflamed his lungs. \
            When Dr Owen Dempsey examined him, the lung scans showed damage. \
            Dr Owen Dempsey said the man pleaded with them to find the cause.
            """
        let summary = Summarizer().summarize(title: title, body: body)
        #expect(!summary.keywords.isEmpty)
        for keyword in summary.keywords {
            #expect(body.localizedCaseInsensitiveContains(keyword), "\(keyword) is not in the body")
        }
        #expect(summary.keywords.contains { $0.hasSuffix("Owen Dempsey") })
        #expect(!summary.keywords.contains { $0.hasPrefix("When ") })
    }

    @Test("a single keyword is reported in the body's form, not the headline's")
    func singleKeywordTakesTheBodyForm() {
        let summary = Summarizer().summarize(
            title: "Ferry captain pleads guilty",
            body: "The ferry captain pleaded guilty on Monday. He had pleaded with the court for time. The court refused.")
        #expect(!summary.keywords.contains("pleads"))
        for keyword in summary.keywords { #expect(summary.keywords.isEmpty || "ferry captain pleaded guilty on monday court".contains(keyword.lowercased()), "\(keyword)") }
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
        let terms = analyzer.terms(of: "The storm hit the coast.")
        let hit = terms.first { $0.surface == "hit" }
        let storm = terms.first { $0.surface == "storm" }
        #expect(hit?.precedesArticle == true && hit?.followsArticle == false)
        #expect(storm?.followsArticle == true && storm?.precedesArticle == false)
        #expect(VerbEvidence.isVerb(before: 2, after: 1) && !VerbEvidence.isVerb(before: 1, after: 1))
        func isArticle(_ token: String) -> Bool { VerbEvidence.isArticle(PackedWord(token.utf8)) }
        #expect(isArticle("The") && isArticle("an") && !isArticle("and"))
        #expect(!VerbEvidence.applies(to: "german"))
        // As a keyword: "hit" (before "the" twice) is dropped, "storm" (after "the") stays.
        let sentences = [analyzer.terms(of: "The storm hit the coast."), analyzer.terms(of: "The storm hit the port."),
                         analyzer.terms(of: "The storm passed.")]
        let keywords = KeywordExtractor().keywords(title: [], sentences: sentences, dropsVerbs: true)
        #expect(keywords.contains("storm") && !keywords.contains("hit"))
        #expect(KeywordExtractor().keywords(title: [], sentences: sentences, dropsVerbs: false).contains("hit"))
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
