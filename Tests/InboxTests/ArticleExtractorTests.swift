import Foundation
import Testing
@testable import Inbox

/// Real-world-shaped samples in `Fixtures/`, reduced by the real parsers (libxml2, GMime).
@Suite struct ArticleExtractorTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try fixture(name), as: UTF8.self)
    }

    static func extract(_ name: String) throws -> ExtractedArticle {
        let bytes = try fixture(name)
        let decoded = try #require(TextDecoder.decode(bytes))
        return ArticleExtractor.extract(name: name, bytes: bytes, text: decoded.text)
    }

    @Test(arguments: [
        ("a.txt", ArticleFormat.plainText), ("A.MD", .markdown), ("page.html", .html), ("page.HTM", .html),
        ("letter.eml", .email), ("noextension", .plainText), (".md", .plainText),
    ])
    func formatFollowsTheExtension(_ name: String, _ format: ArticleFormat) {
        #expect(ArticleFormat(fileName: name) == format)
    }

    @Test func plainTextIsPassedThroughWithItsHeadlineLeftToTheSummarizer() throws {
        let article = ArticleExtractor.extract(name: "a.txt", bytes: [], text: "Title\n\nBody *stays*.")
        #expect(article == ExtractedArticle(title: nil, body: "Title\n\nBody *stays*.", format: .plainText))
    }

    // MARK: HTML

    @Test func browserSavedPageKeepsOnlyTheStory() throws {
        let article = try Self.extract("harbour-crane-saved-page.html")
        #expect(article.format == .html)
        #expect(article.title == "Harbour crane back in service after cable repair")
        #expect(article.body == (try Self.text("harbour-crane-saved-page.expected.txt")))
    }

    @Test(arguments: [
        "window.dataLayer", "cookies", "Skip to content", "Sport", "Advertisement", "Ann Lund", "Photo:",
        "Injected by a script", "Share on", "Related stories", "Great news for the harbour", "morning briefing",
        "All rights reserved", "enable JavaScript", "saved from url", "article body starts", "font-family",
    ])
    func browserSavedPageDropsBoilerplate(_ fragment: String) throws {
        let article = try Self.extract("harbour-crane-saved-page.html")
        #expect(!article.body.contains(fragment))
    }

    @Test func pageWithoutArticleElementUsesTheDensestParagraphsAndTheTitleTag() throws {
        let html = """
        <html><head><title>Bridge reopens after repairs – Kelby Post</title></head><body>
        <div id="menu"><a href="/">Home</a> <a href="/a">Archive</a></div>
        <div class="col"><p>The old stone bridge over the Aln reopened to traffic on Monday after eight weeks of repairs.</p>
        <p>Engineers replaced two cracked arches and a section of the parapet that had been hit by a lorry.</p></div>
        <div class="col2"><p>Short.</p></div>
        </body></html>
        """
        let article = try #require(HTMLExtractor.extract(html))
        #expect(article.title == "Bridge reopens after repairs")
        #expect(article.body == """
        The old stone bridge over the Aln reopened to traffic on Monday after eight weeks of repairs.

        Engineers replaced two cracked arches and a section of the parapet that had been hit by a lorry.
        """)
    }

    @Test func tagSoupAndEntitiesDoNotBreakTheParser() throws {
        let article = try #require(HTMLExtractor.extract("<p>Fish &amp; chips<p>Caf&eacute; &#8220;open&#8221;<b>bold<i>mixed</b> end"))
        #expect(article.body.contains("Fish & chips"))
        #expect(article.body.contains("Café “open”"))
        #expect(article.title == nil)
    }

    @Test func markupWithoutTextGivesAnEmptyArticle() throws {
        let article = HTMLExtractor.extract("<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>")
        #expect(article?.isEmpty ?? true)
    }

    @Test func deeplyNestedMarkupIsHandled() throws {
        let html = String(repeating: "<div>", count: 5_000) + "<p>Deep text here.</p>" + String(repeating: "</div>", count: 5_000)
        _ = HTMLExtractor.extract(html) // must not crash or overflow the stack
    }

    // MARK: e-mail

    @Test func multipartNewsletterUsesSubjectAndThePlainPart() throws {
        let article = try Self.extract("lenner-weekly-newsletter.eml")
        #expect(article.format == .email)
        #expect(article.title == "Record apple harvest in the valley – issue 47")
        // Quoted-printable undone (soft breaks, =E2=80=99), signature and attachment left out.
        #expect(article.body.contains("Prices at the farm gate fell slightly because of the large supply, the growers’ association said."))
        #expect(article.body.contains("The cider press in Holt will run two extra shifts until the end of December."))
        #expect(!article.body.contains("=E2"))
        #expect(!article.body.contains("Unsubscribe"))
        #expect(!article.body.contains("PDF"))
    }

    @Test func htmlOnlyNewsletterIsDecodedFromBase64AndLatin1AndReduced() throws {
        let article = try Self.extract("sorvik-html-only.eml")
        #expect(article.title == "Sørvik market news")
        #expect(article.body == """
        The café owners' association in Sørvik said the new market rules are fair.

        Stalls selling crêpes will be allowed on the square until ten in the evening.

        The fee for a stall rises to twelve pounds per evening.
        """)
    }

    @Test func notAMessageFallsBackToText() throws {
        let article = ArticleExtractor.extract(name: "x.eml", bytes: Array("just some words".utf8), text: "just some words")
        #expect(article.body.contains("just some words"))
    }

    // MARK: Markdown

    @Test func markdownIsReducedToText() throws {
        let article = try Self.extract("library-hours.md")
        #expect(article.title == "Town library extends opening hours")
        #expect(article.body == (try Self.text("library-hours.expected.txt")))
    }

    @Test(arguments: [
        ("**bold** and __strong__ and *em* and _em_", "bold and strong and em and em"),
        ("snake_case_name and 5 * 3 stay", "snake_case_name and 5 * 3 stay"),
        ("see [the docs][ref] or <https://x.example/a>\n\n[ref]: https://x.example/docs", "see the docs or https://x.example/a"),
        ("an ![image](a.png) here, \\*escaped\\*", "an here, *escaped*"),
        ("a <span class=\"x\">tagged</span> word", "a tagged word"),
        ("unclosed [bracket and `tick", "unclosed [bracket and `tick"),
    ])
    func markdownInline(_ source: String, _ expected: String) {
        #expect(MarkdownExtractor.extract("# Title\n\n" + source).body == expected)
    }

    @Test func setextHeadingIsTheTitle() {
        let article = MarkdownExtractor.extract("Storm warning\n=============\n\nWind is expected.\n\nDetails\n-------\n\nMore wind.")
        #expect(article.title == "Storm warning")
        #expect(article.body == "Wind is expected.\n\nDetails\n\nMore wind.")
    }

    @Test func markdownWithoutHeadingLeavesTheTitleToTheFirstLineRule() {
        let article = MarkdownExtractor.extract("Plain first line\n\nSome *text*.")
        #expect(article.title == nil)
        #expect(article.body == "Plain first line\n\nSome text.")
    }

    // MARK: legacy text

    @Test func windows1252CurlyQuotesDecodeExactly() throws {
        let decoded = try #require(TextDecoder.decode(try Self.fixture("tram-fares-cp1252.txt")))
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text == (try Self.text("tram-fares-cp1252.expected.txt")))
    }
}

/// Hostile input stays linear: nothing the inbox holds may hang the work loop.
@Suite struct ArticleExtractorHostileInputTests {
    @Test(arguments: ["[", "<", "`", "![", "*_", "[a](", "<a "])
    func megabyteLineOfOpenersIsReducedQuickly(_ opener: String) {
        let line = String(repeating: opener + "x ", count: 300_000)
        let started = ContinuousClock.now
        _ = MarkdownExtractor.extract(line)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func megabytesOfUnclosedTagsAreParsedQuickly() {
        let html = String(repeating: "<div><p>Text <b>bold <i>", count: 50_000)
        let started = ContinuousClock.now
        _ = HTMLExtractor.extract(html)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func truncatedMIMEIsHandled() {
        let eml = "Subject: Half\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nSGFs"
        let article = EmailExtractor.extract(Array(eml.utf8))
        #expect(article?.title == "Half")
    }
}
