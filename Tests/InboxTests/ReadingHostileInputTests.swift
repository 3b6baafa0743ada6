import Testing
@testable import Inbox

/// The mail and Markdown readers take any text without trapping: generated inputs made of
/// the characters their rules look at (quote marks, dashes, colons, brackets, front-matter
/// fences, flowed spaces, control characters).
@Suite struct ReadingHostileInputTests {
    static let alphabet: [String] = [
        ">", ">>", " ", "  ", "\n", "\n\n", "-", "---", "+++", "...", ":", "[", "]", "^", "(", ")", "*", "_", "`", "```",
        "~~~", "|", "<", "<br>", "<!--", "-->", "#", "=", "\t", "\u{7F}", "\u{0}", "\u{85}", "é", "日本", "From: ", "Subject: ",
        "-- ", "wrote:", "---------- Forwarded message ---------", "-----Original Message-----", "Re: ", "Fwd: ", "title: ",
        "  - ", "1. ", "[^1]", "[^1]: ", "&amp;", "&#0;", "word", "Sentence.",
    ]

    static func samples(seed: UInt64, count: Int, length: Int) -> [String] {
        var state = seed
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += alphabet[Int(state >> 33) % alphabet.count]
            }
            return text
        }
    }

    @Test(arguments: [1, 2, 3])
    func generatedInputsNeverTrapAndAreDeterministic(_ seed: UInt64) {
        for text in Self.samples(seed: seed, count: 300, length: 60) {
            let mail = MailBody.reduce(text)
            #expect(mail == MailBody.reduce(text))
            _ = FlowedText.decode(text, delSp: true)
            _ = FlowedText.decode(text, delSp: false)
            _ = SubjectLine.title(text)
            let markdown = MarkdownExtractor.extract(text)
            #expect(markdown == MarkdownExtractor.extract(text))
            #expect(!markdown.body.contains("[^1]"))
            let eml = "Subject: \(text.prefix(40))\nContent-Type: text/plain; format=flowed; delsp=yes\n\n\(text)"
            _ = EmailExtractor.extract(Array(eml.utf8))
        }
    }
}
