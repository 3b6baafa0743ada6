import Testing
@testable import Summarizer

/// Inputs built to make the summarizer's text scans super-linear (issue 16, the watchdog): a
/// word of 160,000 brackets around a name, a line of 200,000 `[`. The scans that were quadratic
/// (``Keyphrases/candidates(in:)`` trimming a word's punctuation one character at a time,
/// ``BoilerplateFilter/removingInlineMarkers(_:)`` looking for `]` to the end of the line from
/// every `[`) now cut in one slice and look only as far as a marker reaches; these tests hold
/// their results. How long they take is measured by `bench/run`, not here.
@Suite struct AdversarialTextTests {
    @Test func punctuationAroundAWordIsCutWhole() {
        let wrapped = String(repeating: "(", count: 80_000) + "Abbas Kamel" + String(repeating: ")", count: 80_000)
        #expect(Keyphrases.candidates(in: wrapped) == ["Abbas Kamel"])
        #expect(Keyphrases.candidates(in: "“Libyan National Army” said") == ["Libyan National Army"])
        #expect(Keyphrases.candidates(in: String(repeating: "(", count: 1000)).isEmpty)
        #expect(Keyphrases.candidates(in: "((Khalifa Haftar's)) men") == ["Khalifa Haftar"])
    }

    @Test func inlineMarkersAreFoundNearTheirBracket() {
        #expect(BoilerplateFilter.removingInlineMarkers("The port[1] opened[edit] today[12345].") == "The port opened today[12345].")
        let line = String(repeating: "[", count: 200_000)
        #expect(BoilerplateFilter.removingInlineMarkers(line) == line)
        #expect(BoilerplateFilter.removingInlineMarkers(String(repeating: "[", count: 1000) + "[1]x") == String(repeating: "[", count: 1000) + "x")
        let summary = Summarizer(options: SummaryOptions(sentences: 2)).summarize(title: "T", body: line + "\n\nThe harbour opened on Monday.")
        #expect(summary.sentences.map(\.text).contains("The harbour opened on Monday."))
    }
}
