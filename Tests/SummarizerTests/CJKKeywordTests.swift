import Testing
@testable import Summarizer

/// Japanese keywords are words from ICU's dictionary segmentation, not kana fragments (issue 14).
@Suite("CJK keywords")
struct CJKKeywordTests {
    let article = "東京の桜が満開に\n\n東京都心で桜が満開になりました。気象庁は二十日、東京の桜が満開になったと発表しました。"
        + "満開の桜を見に、多くの人が上野公園を訪れています。上野公園では週末に花見客が増える見込みです。"

    @Test("Japanese keywords are whole words, never Hiragana-only fragments such as した or ます")
    func japanese() {
        let summary = Summarizer().summarize(article)
        #expect(summary.language == "japanese")
        #expect(summary.keywords.first == "満開")
        #expect(summary.keywords.contains("東京"))
        #expect(summary.keywords.contains("上野公園"))
        for keyword in summary.keywords {
            #expect(!keyword.unicodeScalars.allSatisfy { (0x3040...0x309F).contains($0.value) })
        }
        #expect(!summary.keywords.contains("した") && !summary.keywords.contains("ます"))
    }

    @Test("ICU word segmentation splits Japanese text into words")
    func segmentation() {
        let words = ICUWords.words("上野公園を訪れています。", language: "japanese")
        #expect(words.first == "上野公園")
        #expect(ICUWords.words("plain English", language: "english").isEmpty)
    }
}
