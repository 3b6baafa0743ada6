import Testing
@testable import Summarizer

/// Reporting verbs (`said`, `says`, `say`) count in sentence ranking but stay out of keywords
/// and top-story terms (issue 14, third ranking round; ``ReportingVerbs``).
@Suite("Reporting verbs")
struct ReportingVerbTests {
    @Test("the English analyser gives 'said' and 'says' a term that only ranking counts")
    func analyser() {
        let analyzer = TextAnalyzer(language: "english")
        let terms = analyzer.terms(of: "The mayor said the budget says little.")
        #expect(terms.map(\.stem) == ["mayor", "said", "budget", "say", "littl"])
        #expect(terms.filter(\.ranksOnly).map(\.surface) == ["said", "says"])
        #expect(!terms.contains { $0.ranksOnly && $0.isKeywordCandidate })
        // Top stories and other callers of stems(of:) see no reporting verb.
        #expect(analyzer.stems(of: "The mayor said the budget says little.") == ["mayor", "budget", "littl"])
        // Other stopwords stay dropped, and other languages have no such words.
        #expect(!analyzer.terms(of: "Mr Smith would go.").contains { $0.stem == "mr" || $0.stem == "would" })
        #expect(ReportingVerbs.words(language: "german").isEmpty)
    }

    @Test("two attribution sentences share an edge through 'said' and lead a 40 % summary")
    func attributionSentencesLink() {
        // Five sentences without a shared content word, except "said" in the second and fourth.
        let text = """
            Council news

            Apples grow slowly in quiet orchards beside the northern river valley.

            The mayor said the city budget would pass before the winter holidays.

            Trains run late on Sundays because engineers repair damaged tracks overnight.

            The treasurer said property taxes would fall for families next spring.

            Snow covered distant hills while farmers gathered hungry sheep indoors.
            """
        let summary = Summarizer(options: SummaryOptions(sentences: 2)).summarize(text)
        #expect(summary.sentences.map(\.index) == [1, 3])
    }

    @Test("'said' is never a keyword, however often an article says it")
    func notAKeyword() {
        let text = """
            Harbour plan

            The harbour board said the new pier opens in May. The captain said the harbour pier is safe.
            Fishermen said the harbour fees rise. The board said the pier cost little.
            """
        let keywords = Summarizer().summarize(text).keywords
        #expect(keywords.contains { $0.lowercased() == "harbour" })
        #expect(!keywords.contains { ["said", "says", "say"].contains($0.lowercased()) })
    }
}
