import Foundation
import Testing
@testable import Summarizer

/// Sentence starts that look unusual: lower-case brand names, control characters between sentences.
@Suite("Segmentation corner cases")
struct SegmentationCornerTests {
    let segmenter = SentenceSegmenter(language: "english")

    @Test("F72: a sentence may open with a lower-case brand name (iPhone, eBay, iPad)")
    func lowerCaseBrandNameOpensASentence() throws {
        let article = Article(text: try Fixture.text("field-cases/F72/article.txt"))
        #expect(article.title == "Port Elwin shop sells out of new phones")
        let got = segmenter.segment(article.body).map(Fixture.collapse)
        #expect(got == (try Fixture.expectedSentences("F72")))
        #expect(!got.contains { $0.contains("Friday. iPhone") || $0.contains("year. eBay") || $0.contains("once. iPad") })
    }

    @Test("mixed-case words after a full stop start sentences",
          arguments: ["iOS", "macOS", "eSports", "eBay", "iPhone", "mRNA"])
    func mixedCaseOpener(_ word: String) {
        let got = segmenter.segment("The update shipped on Monday. \(word) users noticed it first.")
        #expect(got == ["The update shipped on Monday.", "\(word) users noticed it first."])
    }

    @Test("an all-lower-case word after an abbreviation or a full stop still does not split",
          arguments: ["Prices rose, e.g. the fares went up by a third.", "It costs approx. three crowns more.",
                      "The route ends at the pier. npm was not mentioned."])
    func lowerCaseContinuation(_ text: String) {
        #expect(segmenter.segment(text) == [text])
    }

    @Test("a known abbreviation before a mixed-case word keeps the sentence together")
    func abbreviationBeforeMixedCase() {
        let text = "The shop sells phones, tablets etc. iPad covers are sold out."
        #expect(segmenter.segment(text).count == 1)
    }

    @Test("control characters act as spaces", arguments: ["\u{7F}", "\u{01}", "\u{1B}", "\u{9B}", "\u{7F}\u{7F}"])
    func controlCharacterIsASpace(_ control: String) {
        let got = segmenter.segment("The ferry was late again.\(control)Passengers waited an hour.")
        #expect(got == ["The ferry was late again.", "Passengers waited an hour."])
        // Inside a sentence each control character is one space, like any other run of spaces.
        let inside = segmenter.segment("The ferry\(control)was late again.")
        #expect(inside == ["The ferry" + String(repeating: " ", count: control.unicodeScalars.count) + "was late again."])
    }

    @Test("DEL right after a full stop does not block the split, and never reaches the output")
    func deleteAfterFullStop() {
        let text = "Harbour crews repaired the crane on Monday.\u{7F} The crane lifted its first container on Tuesday.\u{7F}\nIt had been idle for a month."
        let got = segmenter.segment(text)
        #expect(got == [
            "Harbour crews repaired the crane on Monday.",
            "The crane lifted its first container on Tuesday.",
            "It had been idle for a month.",
        ])
        #expect(!got.joined().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("NEL (U+0085) stays a line break, not a mere space")
    func nextLineIsStillALineBreak() {
        #expect(segmenter.segment("Storm warning\u{85}\u{85}Ferries stay in port.") == ["Storm warning", "Ferries stay in port."])
    }
}
