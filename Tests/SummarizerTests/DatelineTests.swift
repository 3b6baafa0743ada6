import Testing
@testable import Summarizer

/// Datelines of wire stories (issue 14): the place's abbreviation is not a sentence end and
/// the whole dateline leaves the first sentence.
@Suite("Datelines")
struct DatelineTests {
    let text = "HAYWARD, Calif. (AP) — The Latest on a fire at a warehouse in Hayward (all times local). "
        + "Firefighters have contained the blaze. No one was hurt."

    @Test("HAYWARD, Calif. (AP) — does not split at Calif.")
    func noSplitAtStateAbbreviation() {
        let sentences = SentenceSegmenter(language: "english").segment(text)
        #expect(sentences.count == 3)
        #expect(sentences.first?.hasPrefix("HAYWARD, Calif. (AP) — The Latest") == true)
    }

    @Test("the dateline is removed from the summary's first sentence")
    func removedInSummary() {
        let summary = Summarizer(options: SummaryOptions(sentences: 3)).summarize(title: "Warehouse fire", body: text)
        #expect(summary.sentences.first?.text == "The Latest on a fire at a warehouse in Hayward (all times local).")
    }

    @Test("dateline forms: agency without dash, source with dash, source opening the text; not a ticker")
    func forms() {
        let filter = BoilerplateFilter()
        #expect(filter.removingDateline("Kathmandu, Nepal (CNN) On day six the rescue went on.") == "On day six the rescue went on.")
        #expect(filter.removingDateline("BERLIN (dpa) -- The talks ended.") == "The talks ended.")
        #expect(filter.removingDateline("(The Hollywood Reporter) The film opens on Friday.") == "The film opens on Friday.")
        #expect(filter.removingDateline("Apple (AAPL) shares rose 3% on Monday.") == "Apple (AAPL) shares rose 3% on Monday.")
        #expect(filter.removingDateline("He said (in 2019) that it would rain.") == "He said (in 2019) that it would rain.")
    }
}
