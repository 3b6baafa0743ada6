import Testing
@testable import Summarizer

@Suite("Ranking")
struct RankingTests {
    func vectors(_ sentences: [String]) -> TermVectors {
        TermVectors(sentences: sentences, language: "english", stopwords: StopwordList(language: "english"))
    }

    @Test("TextRank on a graph without edges gives equal, finite scores")
    func edgelessTextRank() {
        let graph = SimilarityGraph(vectors: vectors(["Apples grow.", "Trains run.", "Rain falls.", "Dogs bark."]))
        #expect(graph.isEdgeless)
        let scores = TextRankScorer().scores(graph)
        #expect(scores.count == 4)
        #expect(scores.allSatisfy { $0.isFinite && abs($0 - 0.25) < 1e-12 })
        #expect(PositionAugmentedCentrality(backward: -0.5, forward: 1, threshold: 0.5).scores(graph) == [0, 0, 0, 0])
    }

    @Test("sentences without content words and one-word sentences do not divide by zero")
    func degenerateSentences() {
        let graph = SimilarityGraph(vectors: vectors(["The.", "Ferry.", "Ferry ferry.", "It is what it is."]))
        let scores = TextRankScorer().scores(graph)
        #expect(scores.allSatisfy { $0.isFinite })
        let summary = Summarizer(options: SummaryOptions(sentences: 2)).summarize(title: nil, body: "The. Ferry. Ferry ferry. It is what it is.")
        #expect(summary.sentences.count == 2)
    }

    @Test("TextRank favours the sentence that shares terms with the others")
    func centralSentence() {
        let graph = SimilarityGraph(vectors: vectors([
            "The ferry crossed the harbour.",
            "The harbour ferry bridge budget was approved.",
            "The bridge budget rose.",
            "Lunch was served.",
        ]))
        let scores = TextRankScorer().scores(graph)
        #expect(scores.indices.max(by: { scores[$0] < scores[$1] }) == 1)
        #expect(abs(scores.reduce(0, +) - 1) < 1e-9)
    }

    @Test("MMR breaks ties towards the earlier sentence and skips duplicates")
    func mmrTies() {
        let v = vectors(["Ferry news today.", "Bridge news today.", "Ferry news today!", "Tunnel news today."])
        let chosen = MaximalMarginalRelevance(redundancy: 0).select(count: 3, scores: [1, 1, 1, 1 + 1e-12], vectors: v)
        #expect(chosen == [0, 1, 3])
    }

    @Test("scores equal after rounding to 1e-9 compare equal")
    func roundedKeys() {
        #expect(MaximalMarginalRelevance.roundedKey(0.3) == MaximalMarginalRelevance.roundedKey(0.1 + 0.2))
        #expect(MaximalMarginalRelevance.roundedKey(.nan) == .min)
    }
}
