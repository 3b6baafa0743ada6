import Testing
@testable import Summarizer

/// Segmentation that follows the language: CLDR suppressions read from the system ICU,
/// per-language terminators, and detection by script (issue 14).
@Suite("Segmentation per language")
struct LanguageSegmentationTests {
    @Test("CLDR suppressions come from ICU for German, Spanish, Italian, Russian")
    func cldrDataIsRead() {
        // Entries of the CLDR lists as shipped in ICU 72's brkitr data.
        #expect(CLDRSuppressions.abbreviations(language: "german").contains("kath"))
        #expect(CLDRSuppressions.abbreviations(language: "spanish").contains("srta"))
        #expect(CLDRSuppressions.abbreviations(language: "italian").contains("dott"))
        #expect(CLDRSuppressions.abbreviations(language: "russian").contains("ул"))
        #expect(CLDRSuppressions.abbreviations(language: "danish").isEmpty)
    }

    @Test("German street names with an abbreviated Straße keep their number")
    func germanStreet() {
        let got = SentenceSegmenter(language: "german")
            .segment("Wir wohnen in der Mühlenstr. 12 in Bremen. Die Adresse ist Berliner Str. 5, 21234 Bremen.")
        #expect(got == ["Wir wohnen in der Mühlenstr. 12 in Bremen.", "Die Adresse ist Berliner Str. 5, 21234 Bremen."])
    }

    @Test("CLDR abbreviations do not end a sentence before a name")
    func cldrAbbreviations() {
        #expect(SentenceSegmenter(language: "spanish").segment("Hola Srta. Ledesma. Buenos días.")
            == ["Hola Srta. Ledesma.", "Buenos días."])
        #expect(SentenceSegmenter(language: "german").segment("Sie besucht eine kath. Schule. Sie ist neu.")
            == ["Sie besucht eine kath. Schule.", "Sie ist neu."])
    }

    @Test("Armenian full stop, typed as ։ or :, ends a sentence")
    func armenian() {
        let text = "Այսօր երկուշաբթի է: Ես գնում եմ աշխատանքի։ Վաղը սեպտեմբերի 1-ն է:"
        #expect(SentenceSegmenter(language: "armenian").segment(text)
            == ["Այսօր երկուշաբթի է:", "Ես գնում եմ աշխատանքի։", "Վաղը սեպտեմբերի 1-ն է:"])
        #expect(LanguageDetector().detect(text) == "armenian")
        // In English a colon does not end a sentence.
        #expect(SentenceSegmenter(language: "english").segment("Note: The meeting moved.").count == 1)
    }

    @Test("Greek question mark, typed as ;, ends a sentence")
    func greek() {
        let got = SentenceSegmenter(language: "greek")
            .segment("Με συγχωρείτε· πού είναι οι τουαλέτες; Τις Κυριακές δε δούλευε κανένας.")
        #expect(got == ["Με συγχωρείτε· πού είναι οι τουαλέτες;", "Τις Κυριακές δε δούλευε κανένας."])
    }
}
