import Foundation
import Testing
@testable import Summarizer

@Suite("Summaries")
struct SummarizerTests {
    let summarizer = Summarizer()

    func summary(_ path: String, options: SummaryOptions = SummaryOptions()) throws -> Summary {
        Summarizer(options: options).summarize(try Fixture.text(path))
    }

    @Test("F25: glued sentences give 3 gold sentences and no '.Capital' inside")
    func gluedSentences() throws {
        let result = try summary("field-cases/F25/article.txt")
        let gold = try Fixture.expectedSentences("F25")
        #expect(result.sentences.count == 3)
        for sentence in result.sentences {
            #expect(gold.contains(sentence.text))
            #expect(sentence.text.range(of: #"\.[A-Z]"#, options: .regularExpression) == nil)
        }
    }

    @Test("F26: a ratio rounds to at least one sentence; asking for more returns the body once")
    func shortArticle() throws {
        let text = try Fixture.text("field-cases/F26/article.txt")
        let byRatio = Summarizer(options: SummaryOptions(ratio: 0.2)).summarize(text)
        #expect(byRatio.sentences.count == 1) // round(0.2 × 4) = 1
        #expect(Summarizer(options: SummaryOptions(ratio: 0.01)).summarize(text).sentences.count == 1)
        let all = Summarizer(options: SummaryOptions(sentences: 10)).summarize(text)
        #expect(all.sentenceCount == 4)
        #expect(all.sentences.map(\.index) == [0, 1, 2, 3])
        #expect(Summarizer(options: SummaryOptions(sentences: 0)).summarize(text).sentences.count == 1)
        #expect(Summarizer(options: SummaryOptions(ratio: 1e300)).summarize(text).sentences.count == 4)
        #expect(Summarizer(options: SummaryOptions(ratio: -2)).summarize(text).sentences.count == 1)
        #expect(Summarizer(options: SummaryOptions(ratio: .nan)).summarize(text).sentences.count == 3)
    }

    @Test("F27: empty and blank files give an empty summary; one sentence gives itself; a headline alone gives the headline")
    func degenerateFiles() throws {
        #expect(try summary("field-cases/F27/f27-empty.txt").sentences.isEmpty)
        #expect(try summary("field-cases/F27/f27-blank.txt").sentences.isEmpty)
        let one = try summary("field-cases/F27/f27-one-sentence.txt")
        #expect(one.sentences.map(\.text) == ["Storm warning: the weather office expects gusts of up to ninety kilometres an hour along the coast tonight."])
        let titleOnly = try summary("field-cases/F27/f27-title-only.txt")
        #expect(titleOnly.title == "Storm warning for the coast")
        #expect(titleOnly.sentences.map(\.text) == ["Storm warning for the coast"])
        #expect(Summarizer().summarize(title: "Headline only", body: "").sentences.map(\.text) == ["Headline only"])
    }

    @Test("F29: caps and mixed case choose the same sentences, verbatim")
    func caseInsensitiveRanking() throws {
        let mixed = try summary("field-cases/F29/f29-mixed.txt")
        let caps = try summary("field-cases/F29/f29-caps.txt")
        #expect(mixed.sentences.map(\.index) == caps.sentences.map(\.index))
        #expect(caps.sentences.map(\.text) == mixed.sentences.map { $0.text.uppercased() })
        #expect(caps.language == "english")
    }

    @Test("F30: a repeated sentence appears once; no letterless segment")
    func repeatedSentences() throws {
        let result = try summary("field-cases/F30/article.txt")
        #expect(result.sentenceCount == 4)
        #expect(Set(result.sentences.map(\.text)).count == result.sentences.count)
        #expect(result.sentences.allSatisfy { $0.text.contains(where: \.isLetter) })
    }

    @Test("F32, F34, F35, F38, F39: every summary sentence is a gold line",
          arguments: ["F32", "F34", "F35", "F38", "F39"])
    func summarySentencesAreGold(_ caseID: String) throws {
        let result = try summary("field-cases/\(caseID)/article.txt")
        let gold = try Fixture.expectedSentences(caseID)
        #expect(result.sentences.count == 3)
        for sentence in result.sentences { #expect(gold.contains(sentence.text)) }
    }

    @Test("F36: a transcript summary is 3 windows covering at most half the words")
    func transcriptSummary() throws {
        let text = try Fixture.text("field-cases/F36/f36-transcript.txt")
        let result = Summarizer().summarize(text)
        let total = text.split(whereSeparator: \.isWhitespace).count
        let chosen = result.sentences.map { $0.text.split(separator: " ").count }
        #expect(result.title == nil)
        #expect(result.sentences.count == 3)
        #expect(chosen.allSatisfy { (10...60).contains($0) })
        #expect(chosen.reduce(0, +) * 2 <= total)
        for sentence in result.sentences { #expect(text.contains(sentence.text)) }
    }

    @Test("F36: an agenda summary uses whole bullet items")
    func agendaSummary() throws {
        let result = try summary("field-cases/F36/f36-agenda.txt")
        #expect(result.sentenceCount == 4)
        #expect(result.sentences.count == 3)
        #expect(result.sentences.allSatisfy { $0.text.hasPrefix("- ") && $0.text.filter { $0 == "-" }.count == 1 })
    }

    @Test("F37: CRLF input gives sentences without line breaks")
    func crlf() throws {
        let result = try summary("field-cases/F37/article.txt")
        #expect(!result.sentences.isEmpty)
        let gold = try Fixture.expectedSentences("F37")
        for sentence in result.sentences {
            #expect(!sentence.text.contains("\r") && !sentence.text.contains("\n"))
            #expect(gold.contains(sentence.text))
        }
    }

    @Test("F43: boilerplate never reaches the summary")
    func boilerplate() throws {
        let real = [
            "The harbour festival in Port Elwin drew a record crowd of twelve thousand visitors on Saturday.",
            "The festival's tall-ship parade was led by a restored schooner built in 1911.",
            "Food stalls ran out of fish soup by early afternoon.",
            "Organisers said next year's festival will last three days instead of two.",
            "The town's hotels were fully booked for the weekend.",
        ]
        for count in 1...5 {
            let result = try summary("field-cases/F43/article.txt", options: SummaryOptions(sentences: count))
            #expect(result.sentences.count == count)
            for sentence in result.sentences { #expect(real.contains(sentence.text)) }
        }
        #expect(try summary("field-cases/F43/article.txt").sentenceCount == 5)
    }

    @Test("F44: an all-tie article gives sentences 1, 2, 3 on every run")
    func allTies() throws {
        let text = try Fixture.text("field-cases/F44/article.txt")
        let first = Summarizer().summarize(text)
        #expect(first.sentences.map(\.index) == [0, 1, 2])
        for _ in 0..<20 { #expect(Summarizer().summarize(text) == first) }
    }

    @Test("F49: an oversized segment is capped at 1000 characters ending with …")
    func cappedSegment() {
        let giant = String(repeating: "x", count: 5_000)
        let result = Summarizer().summarize(title: "Notice", body: giant)
        #expect(result.sentences.count == 1)
        #expect(result.sentences[0].text.count == 1_000)
        #expect(result.sentences[0].text.hasSuffix("…"))
    }

    @Test("F49: a 300 KB unpunctuated line is summarized as short windows")
    func unpunctuatedLine() {
        let words = ["the", "ferry", "bridge", "market", "council", "harbour", "will", "open", "close", "repair", "budget", "road"]
        var state: UInt64 = 99
        var line: [String] = []
        for _ in 0..<50_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            line.append(words[Int(state >> 33) % words.count])
        }
        let result = Summarizer().summarize("Very long unpunctuated notice\n\n" + line.joined(separator: " ") + "\n")
        #expect(result.title == "Very long unpunctuated notice")
        #expect(result.sentences.count == 3)
        for sentence in result.sentences {
            #expect((10...60).contains(sentence.text.split(separator: " ").count))
            #expect(sentence.text.count <= Summarizer.maximumSentenceCharacters)
        }
    }

    @Test("F46: 50 000 sentences are summarized in bounded time from the first 2 000")
    func veryLongArticle() {
        let words = ["harbour", "council", "ferry", "bridge", "tram", "school", "library", "budget", "river", "market"]
        var body = ""
        var state: UInt64 = 12_345
        for index in 0..<50_000 {
            var sentence: [String] = []
            for _ in 0..<(8 + index % 9) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                sentence.append(words[Int(state >> 33) % words.count])
            }
            body += sentence.joined(separator: " ").capitalizedFirst + ". "
        }
        let clock = ContinuousClock()
        var result: Summary?
        let elapsed = clock.measure { result = Summarizer().summarize(title: "Annual report", body: body) }
        #expect(result?.sentenceCount == 50_000)
        #expect(result?.sentences.count == 3)
        #expect((result?.sentences.map(\.index).max() ?? .max) < Summarizer.maximumRankedSentences)
        #expect(elapsed < .seconds(60))
    }

    @Test("a cancelled task still gets a valid summary")
    func cancellation() async {
        let body = (0..<400).map { "Sentence number \($0) talks about the harbour budget and the ferry." }.joined(separator: " ")
        let task = Task { Summarizer().summarize(title: nil, body: body) }
        task.cancel()
        let result = await task.value
        #expect(result.sentences.count == 3)
    }

    @Test("keywords are surface forms of frequent content words")
    func keywords() throws {
        let result = try summary("field-cases/F29/f29-mixed.txt")
        #expect(!result.keywords.isEmpty && result.keywords.count <= 5)
        #expect(result.keywords.contains("prices") || result.keywords.contains("price"))
        #expect(!result.keywords.contains { $0.lowercased() == "the" })
        let caps = try summary("field-cases/F29/f29-caps.txt")
        #expect(caps.keywords.map { $0.lowercased() } == result.keywords.map { $0.lowercased() })
    }

    @Test("summaries are in document order and counts are reported")
    func orderAndCounts() throws {
        let result = try summary("field-cases/F32/article.txt", options: SummaryOptions(sentences: 4))
        let indices = result.sentences.map(\.index)
        #expect(indices == indices.sorted())
        #expect(result.sentenceCount == 9)
        #expect(result.wordCount > 100)
        #expect(result.title == "Vaccine depot to open in Kelby")
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
