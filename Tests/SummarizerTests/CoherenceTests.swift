import Testing
@testable import Summarizer

/// Sentences out of context (issue 14): a pronoun-led sentence without the sentence that says
/// who "he" is, and a sentence that opens a quotation and never closes it.
@Suite("Coherence")
struct CoherenceTests {
    static let night = "He was on a night out with his girlfriend"

    /// Summaries of `file` with the default weights and with `weights` (the cue turned off).
    func summaries(_ file: String, sentences: Int, without weights: RankingWeights) throws -> (on: [Sentence], off: [Sentence]) {
        let text = try Fixture.text(file)
        let on = Summarizer(options: SummaryOptions(sentences: sentences)).summarize(text).sentences
        let off = Summarizer(options: SummaryOptions(sentences: sentences, weights: weights)).summarize(text).sentences
        return (on, off)
    }

    @Test("\"He was on a night out with his girlfriend…\" is not chosen without the sentence that names him",
          arguments: [2, 3])
    func pronounLedSentence(count: Int) throws {
        var off = RankingWeights()
        off.backReferencePenalty = 0
        off.repairsBackReferences = false
        let (on, without) = try summaries("pronoun-led-story.txt", sentences: count, without: off)
        // Without the cue the ranking picks the pronoun-led sentence alone: the test can fail.
        let alone = without.first { $0.text.hasPrefix(Self.night) }
        #expect(alone != nil)
        #expect(!without.contains { $0.index == (alone?.index ?? 0) - 1 })
        #expect(on.count == count)
        for sentence in on where sentence.text.hasPrefix(Self.night) {
            #expect(on.contains { $0.index == sentence.index - 1 }, "chosen without its antecedent")
        }
    }

    @Test("a sentence that opens a quotation and never closes it is not chosen")
    func openQuotation() throws {
        // The length prior also passes over that (long) sentence: compare without it, so the
        // penalty alone is what keeps the sentence out. Four of twenty sentences: at three, the
        // story's attribution sentences ("…, the council said."), linked by their reporting
        // verb (``ReportingVerbs``), fill the summary with or without the penalty.
        var off = RankingWeights()
        off.lengthPrior = 0
        off.openQuotationPenalty = 0
        let (on, without) = try summaries("open-quotation-story.txt", sentences: 4, without: off)
        #expect(without.contains { $0.text.contains("told the meeting: \"") })
        var penaltyOnly = RankingWeights()
        penaltyOnly.lengthPrior = 0
        let (_, withPenalty) = try summaries("open-quotation-story.txt", sentences: 4, without: penaltyOnly)
        for summary in [on, withPenalty] {
            #expect(summary.count == 4)
            #expect(!summary.contains { Coherence.leavesQuotationOpen($0.text) })
        }
    }

    @Test("back references: pronouns and demonstratives first, after a quote mark or And/But; not other words")
    func backReferences() {
        #expect(Coherence.opensWithBackReference("He was on a night out with his girlfriend.", language: "english"))
        #expect(Coherence.opensWithBackReference("“They left early,” she said.", language: "english"))
        #expect(Coherence.opensWithBackReference("But this meant delays.", language: "english"))
        #expect(!Coherence.opensWithBackReference("Helen was on a night out.", language: "english"))
        #expect(!Coherence.opensWithBackReference("The man was named on Monday.", language: "english"))
        // No list for other languages: no cue rather than a wrong one.
        #expect(!Coherence.opensWithBackReference("He is here.", language: "german"))
    }

    @Test("open quotations: curly, guillemets and straight quotes; closed ones and a closing quote alone are not")
    func quotations() {
        #expect(Coherence.leavesQuotationOpen("She said: “The line will open in 2029."))
        #expect(Coherence.leavesQuotationOpen("Er sagte: «Wir kommen."))
        #expect(Coherence.leavesQuotationOpen("He said: \"We will win."))
        #expect(!Coherence.leavesQuotationOpen("She said: “The line will open in 2029.”"))
        #expect(!Coherence.leavesQuotationOpen("He said \"yes\" twice."))
        #expect(!Coherence.leavesQuotationOpen("We will win,\" he said."))
    }

    @Test("the repair puts the antecedent in place of a back-referencing sentence")
    func repair() {
        // 3 opens with a back reference and 2 is not chosen: 2 takes its place.
        #expect(Summarizer.repairingBackReferences([0, 3], backReference: [false, false, false, true]) == [0, 2])
        // Its predecessor is chosen: kept.
        #expect(Summarizer.repairingBackReferences([2, 3], backReference: [false, false, false, true]) == [2, 3])
        // A chain of back references walks back to the first sentence that has none.
        #expect(Summarizer.repairingBackReferences([4], backReference: [false, false, true, true, true]) == [1])
    }
}
