import Foundation
import Testing
@testable import Summarizer

@Suite("Sentence segmentation")
struct SentenceSegmenterTests {
    let segmenter = SentenceSegmenter(language: "english")

    @Test("passes every English golden rule", arguments: try GoldenRule.all())
    func goldenRule(_ rule: GoldenRule) {
        let got = segmenter.segment(rule.text).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(got == rule.expected.map { $0.trimmingCharacters(in: .whitespaces) })
    }

    @Test("golden rules: at least 47 of 48 pass")
    func goldenRuleCount() throws {
        let rules = try GoldenRule.all()
        let passed = rules.filter { segmenter.segment($0.text) == $0.expected }.count
        #expect(rules.count == 48)
        #expect(passed >= 47)
    }

    @Test("field case body segments exactly as its gold file",
          arguments: ["F25", "F32", "F34", "F35", "F37", "F38", "F39"])
    func fieldCaseSegmentation(_ caseID: String) throws {
        let article = Article(text: try Fixture.text("field-cases/\(caseID)/article.txt"))
        #expect(article.title != nil)
        let got = SentenceSegmenter().segment(article.body).map(Fixture.collapse)
        #expect(got == (try Fixture.expectedSentences(caseID)))
    }

    @Test("F29: an all-caps article splits like its mixed-case twin")
    func allCapsBoundaries() throws {
        let mixed = segmenter.segment(Article(text: try Fixture.text("field-cases/F29/f29-mixed.txt")).body)
        let caps = segmenter.segment(Article(text: try Fixture.text("field-cases/F29/f29-caps.txt")).body)
        #expect(mixed.count == 5)
        #expect(caps == mixed.map { $0.uppercased() })
    }

    @Test("F30: lines without letters or digits are not sentences")
    func punctuationOnlyLines() throws {
        let body = Article(text: try Fixture.text("field-cases/F30/article.txt")).body
        let sentences = segmenter.segment(body)
        #expect(sentences.count == 6)
        #expect(sentences.allSatisfy { $0.contains(where: { $0.isLetter || $0.isNumber }) })
        #expect(Set(sentences).count == 4)
    }

    @Test("F36: each bullet item is its own segment")
    func bulletItems() throws {
        let article = Article(text: try Fixture.text("field-cases/F36/f36-agenda.txt"))
        #expect(article.title == "Riverside residents: agenda for Thursday")
        let items = segmenter.segment(article.body)
        #expect(items == [
            "- New bus shelter on Canal Road",
            "- Noise from the night market after ten in the evening",
            "- Tree planting along the towpath on the last Sunday of the month",
            "- Any other business",
        ])
    }

    @Test("F36: unpunctuated text falls back to contiguous windows of 10–60 words")
    func windowFallback() throws {
        let text = try Fixture.text("field-cases/F36/f36-transcript.txt")
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let windows = segmenter.segment(text)
        #expect(windows.count > 3)
        var rebuilt: [String] = []
        for window in windows {
            let windowWords = window.split(separator: " ").map(String.init)
            #expect((10...60).contains(windowWords.count))
            rebuilt += windowWords
        }
        #expect(rebuilt == words)
    }

    @Test("CJK terminators split without spaces and keep ？” together")
    func cjk() {
        let got = segmenter.segment("今天很好。你来吗？”他问。好！")
        #expect(got == ["今天很好。", "你来吗？”", "他问。", "好！"])
    }

    @Test("Arabic-script terminators ؟ and ۔ end sentences")
    func arabicScript() {
        let got = segmenter.segment("هل ستفتح المكتبة؟ نعم. یہ اچھی خبر ہے۔ شكرا")
        #expect(got == ["هل ستفتح المكتبة؟", "نعم.", "یہ اچھی خبر ہے۔", "شكرا"])
    }

    @Test("German ordinals and abbreviations do not end sentences")
    func germanOrdinals() {
        let german = SentenceSegmenter(language: "german")
        let got = german.segment("Das Fest beginnt am 3. Oktober in der Altstadt. Es kommen ca. 500 Gäste, z.B. aus Bonn. Die Stadt zahlt bzw. hilft.")
        #expect(got == [
            "Das Fest beginnt am 3. Oktober in der Altstadt.",
            "Es kommen ca. 500 Gäste, z.B. aus Bonn.",
            "Die Stadt zahlt bzw. hilft.",
        ])
    }

    @Test("a blank line ends a sentence; CRLF and CR are line breaks; empty text has none")
    func lineBreaks() {
        #expect(segmenter.segment("First line\r\nwraps here\r\n\r\nSecond paragraph") == ["First line wraps here", "Second paragraph"])
        #expect(segmenter.segment("One.\rTwo.") == ["One.", "Two."])
        #expect(segmenter.segment("") == [])
        #expect(segmenter.segment(" \n\t\n") == [])
    }
}
