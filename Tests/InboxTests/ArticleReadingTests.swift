import Foundation
import Testing
@testable import Inbox

/// The one reading path on field-case inputs (copied from the field cases into `Fixtures/`):
/// legacy charsets declared by `<meta>`, `<br><br>` paragraphs, soft hyphens, pages without
/// `<html>`/`<body>`, and format sniffing.
@Suite struct ArticleReadingTests {
    static func read(_ name: String) throws -> ArticleReading {
        try #require(ArticleExtractor.read(bytes: try ArticleExtractorTests.fixture(name), name: name))
    }

    /// The `<p>` texts of a UTF-8 reference page.
    static func paragraphs(_ name: String) throws -> [String] {
        let html = try ArticleExtractorTests.text(name)
        return html.components(separatedBy: "<p>").dropFirst().compactMap { $0.components(separatedBy: "</p>").first }
    }

    // MARK: encodings (F64)

    @Test(arguments: [
        ("f64-cp1251-meta-charset.html", "windows-1251", "В Порт-Эльвине открылся новый паромный причал"),
        ("f64-koi8r-http-equiv.html", "koi8-r", "Библиотека в Порт-Эльвине продлила часы работы"),
    ])
    func legacyCharsetDeclaredByMetaIsDecodedByLibxml2(_ name: String, _ encoding: String, _ title: String) throws {
        let reading = try Self.read(name)
        #expect(reading.encoding == encoding)
        #expect(reading.declared)
        #expect(reading.article.title == title)
        let expected = try Self.paragraphs(name.replacingOccurrences(of: ".html", with: ".utf8.html"))
        #expect(expected.count >= 6)
        #expect(reading.article.body == expected.joined(separator: "\n\n"))
        for mojibake in ["Â", "Ï", "Ð", "Ñ", "Ò", "ó", "÷", "ø", "¸"] { #expect(!reading.article.body.contains(mojibake)) }
    }

    @Test func windows1252BytesUnderAnISO88591LabelAreReadAsWindows1252() throws {
        let bytes = Array("<meta charset=\"iso-8859-1\"><title>Caf".utf8) + [0xE9] + Array("</title><p>".utf8)
            + [0x93] + Array("Open late,".utf8) + [0x94] + Array(" the caf".utf8) + [0xE9] + Array(" owner said on Monday evening.</p>".utf8)
        let reading = try #require(ArticleExtractor.read(bytes: bytes, name: "cafe.html"))
        #expect(reading.encoding == "windows-1252")
        #expect(reading.article.body == "“Open late,” the café owner said on Monday evening.")
    }

    @Test func undeclaredLegacyPageFallsBackToTheTextDecoder() throws {
        let bytes = Array("<p>The caf".utf8) + [0xE9] + Array(" opened on the square on Monday, the owner said.</p>".utf8)
        let reading = try #require(ArticleExtractor.read(bytes: bytes, name: "cafe.html"))
        #expect(reading.article.body == "The café opened on the square on Monday, the owner said.")
        #expect(!reading.declared)
    }

    // MARK: structure (F65, F66, F78)

    @Test func doubleLineBreaksEndParagraphsAndASingleOneBreaksTheLine() throws {
        let reading = try Self.read("f65-br-paragraphs.html")
        let lines = try ArticleExtractorTests.text("f65-br-paragraphs.sentences.txt").split(separator: "\n").map(String.init)
        let paragraphs = reading.article.body.components(separatedBy: "\n\n")
        #expect(paragraphs.count >= 7, "\(paragraphs)")
        #expect(paragraphs.first == "PORT ELWIN, 30 November")
        #expect(paragraphs.contains("What changes for passengers"))
        #expect(paragraphs.contains("Season tickets bought before Monday stay valid"))
        for joined in ["30 November The Kolm", "passengers The first", "valid Islanders"] {
            #expect(!reading.article.body.contains(joined))
        }
        let flat = reading.article.body.replacingOccurrences(of: "\n", with: " ")
        for line in lines { #expect(flat.contains(line), "\(line)") }
        let single = try #require(HTMLExtractor.extract("<div>First line of the verse,<br>second line of the verse.</div>"))
        #expect(single.body == "First line of the verse,\nsecond line of the verse.")
    }

    @Test(arguments: ["f66-soft-hyphens.html", "f66-soft-hyphens.txt"])
    func softHyphensAndZeroWidthCharactersAreRemoved(_ name: String) throws {
        let reading = try Self.read(name)
        let all = (reading.article.title ?? "") + reading.article.body
        #expect(!all.unicodeScalars.contains("\u{00AD}"))
        if name.hasSuffix(".html") {
            #expect(reading.article.title == "Harbourmaster approves grain pier reconstruction")
            #expect(reading.article.body.contains("The Port Elwin harbourmaster has approved the reconstruction of the old grain pier."))
            #expect(reading.article.body.contains("largest infrastructure project"))
        } else {
            #expect(all.contains("Ferryoperator buys second-hand catamaran"))
            #expect(all.contains("regional development bank"))
        }
        let zeroWidth = try #require(ArticleExtractor.read(bytes: Array("<p>Harbour\u{200B}master and ferry\u{2060}operator met.</p>".utf8), name: "z.html"))
        #expect(zeroWidth.article.body == "Harbourmaster and ferryoperator met.")
    }

    @Test func pageThatStartsWithMetaAndHasNoHtmlOrBodyKeepsItsArticle() throws {
        let page = try Self.read("f78-optional-tags-omitted.html")
        let control = try Self.read("f78-control-with-doctype.html")
        #expect(page.article.title == "Kolm school gets new science room")
        #expect(page.article.body.components(separatedBy: "\n\n").count == 8)
        #expect(page.article.body == control.article.body)
        for first in ["<link rel=stylesheet href=a.css>", "<meta charset=utf-8>\n", "<base href=/>", "<title>Quay</title>"] {
            let soup = try #require(ArticleExtractor.read(bytes: Array((first + "<p>The quay lights were replaced by the town council this week.</p>").utf8), name: "x.html"))
            #expect(soup.article.body == "The quay lights were replaced by the town council this week.", "\(first)")
        }
    }

    @Test func htmlOnlyMailWhosePartStartsWithMetaKeepsItsParagraphs() throws {
        let mail = try Self.read("f78-html-mail-meta-first.eml")
        #expect(mail.article.format == .email)
        #expect(mail.article.title == "Quay lights replaced")
        #expect(mail.article.body.hasPrefix("The town council replaced all the lights on the fish quay this week."))
        #expect(mail.article.body.components(separatedBy: "\n\n").count == 6)
    }

    @Test func headlineRepeatedAsTheFirstParagraphIsNotBodyText() throws {
        let reading = try #require(ArticleExtractor.read(bytes: Array("""
        <title>Ferry fares rise - Kolm Times</title><body><p class="headline">Ferry fares rise</p>
        <p>Fares on the Kolm ferry will rise by five per cent in January, the operator said.</p></body>
        """.utf8), name: "fares.html"))
        #expect(reading.article.title == "Ferry fares rise")
        #expect(reading.article.body == "Fares on the Kolm ferry will rise by five per cent in January, the operator said.")
    }

    @Test(arguments: [
        ("Storm closes the pier - The Kolm Times", "The Kolm Times", "Storm closes the pier"),
        ("Storm closes the pier | WSJ", nil, "Storm closes the pier"),
        ("Kolm Times | Storm closes the pier at last", "Kolm Times", "Storm closes the pier at last"),
        ("Left-wing and right-wing councillors agree on the pier", nil, "Left-wing and right-wing councillors agree on the pier"),
    ] as [(String, String?, String)])
    func siteNameIsCutFromTheTitle(_ title: String, _ site: String?, _ expected: String) {
        #expect(HTMLPage.cutSiteName(title, site: site) == expected)
    }

    // MARK: furniture around and inside the article

    static let furnishedPage = """
    <!DOCTYPE html><html><head><meta property="og:title" content="Kolm ferry gets a new engine">
    <meta property="og:site_name" content="Kolm Times"><title>Kolm ferry gets a new engine | Kolm Times</title></head>
    <body><header class="site-header"><a href="/">Kolm Times</a></header>
    <div class="cookie-banner">We use cookies to improve your experience on this site.</div>
    <main><article>
    <h1>Kolm ferry gets a new engine</h1>
    <p class="byline">By Ann Lund</p><p>Updated at 1:23 p.m.</p>
    <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
    <p>The Kolm ferry will be out of service for two weeks in January while it gets a new engine, the operator said.</p>
    <figure><img src="a.jpg"><figcaption>The ferry leaves Port Elwin on Monday. Photo: Ann Lund</figcaption></figure>
    <p>The old engine, fitted in 1998 by <span class="person"><a href="/p">Harbour Works</a><span class="card"><a href="/a">Engine</a><a href="/b">Ferry news</a><a href="/c">Port Elwin council votes on the new harbour budget</a></span></span>, has broken down three times this winter.</p>
    <p>Photo: Kolm Harbour Office</p>
    <p>© Kolm Times 2026</p>
    <table><tr><td>Monday</td><td>no crossings</td></tr><tr><td>Tuesday</td><td>replacement bus</td></tr></table>
    <p>A replacement bus and a small passenger boat will run while the ferry is in the yard.</p>
    <div class="newsletter-signup"><p>Sign up for our morning briefing and get the news first, every day.</p></div>
    <div class="related-stories"><h3>Related</h3><ul><li><a href="/1">Harbour crane back in service after repair</a></li>
    <li><a href="/2">Island school opens its new science room</a></li></ul></div>
    <section id="comments"><p>What a shame for the commuters who rely on the ferry, said one reader here.</p></section>
    </article></main>
    <aside><p>Most read: the mayor of Port Elwin resigns after twenty years in office.</p></aside>
    <footer><p>Kolm Times, Harbour Street 1, Port Elwin. All rights reserved.</p></footer>
    </body></html>
    """

    @Test func articleTextLeavesOutFurnitureAroundAndInsideTheStory() throws {
        let reading = try #require(ArticleExtractor.read(bytes: Array(Self.furnishedPage.utf8), name: "ferry.html"))
        #expect(reading.article.title == "Kolm ferry gets a new engine")
        #expect(reading.article.body == """
        The Kolm ferry will be out of service for two weeks in January while it gets a new engine, the operator said.

        The old engine, fitted in 1998 by Harbour Works, has broken down three times this winter.

        Monday no crossings

        Tuesday replacement bus

        A replacement bus and a small passenger boat will run while the ferry is in the yard.
        """)
    }

    @Test func listWithOneLinkedItemIsContentButALinkListIsNot() throws {
        let html = """
        <article><p>The island shop will stock more fresh vegetables this winter, the owner said on Monday.</p>
        <ul><li>cabbage</li><li>peas</li><li>sour cream (<a href="/x">the low-fat kind</a>) and a few more</li></ul>
        <p>Prices will be the same as on the mainland, the owner said, because the ferry fares are lower.</p>
        <ul><li><a href="/1">Ferry fares fall in winter</a></li><li><a href="/2">New shop opens on the quay</a></li></ul></article>
        """
        let article = try #require(HTMLExtractor.extract(html))
        #expect(article.body.contains("cabbage\n\npeas\n\nsour cream (the low-fat kind) and a few more"))
        #expect(!article.body.contains("Ferry fares fall in winter"))
    }

    // MARK: sniffing

    @Test(arguments: [
        ("<!DOCTYPE html><p>x</p>", ArticleFormat.html), ("  <meta charset=utf-8><p>x", .html), ("<div>x</div>", .html),
        ("From: a@example.org\nSubject: Hi\nDate: Mon, 30 Nov 2026 12:00:00 +0000\n\nBody.", .email),
        ("---\ntitle: Notes\n---\n\nText.", .markdown), ("# Notes\n\nSee [the list](x).\n", .markdown),
        ("Ferry strike ends\n\nThe crews returned on Monday.", .plainText), ("<3 this town.", .plainText),
        ("Note: bring boots.\nTo: everyone\n\nText.", .plainText),
        // CR LF and CR-only line ends: "\r\n" is one Swift Character, so the lines are found on scalars.
        ("From: a@example.org\r\nSubject: Hi\r\nDate: Mon, 30 Nov 2026 12:00:00 +0000\r\n\r\nBody.", .email),
        ("From: a@example.org\rSubject: Hi\r  folded\rDate: Mon, 30 Nov 2026 12:00:00 +0000\r\rBody.", .email),
        ("---\r\ntitle: Notes\r\n---\r\n\r\nText.", .markdown), ("+++\rtitle = 'Notes'\r+++\r\rText.", .markdown),
        ("# Notes\r\n\r\nSee [the list](x).\r\n", .markdown),
        ("Note: bring boots.\r\nTo: everyone\r\n\r\nText.", .plainText),
    ])
    func contentWithoutAKnownExtensionIsSniffed(_ text: String, _ format: ArticleFormat) {
        #expect(ArticleFormat.sniff(Array(text.utf8)) == format)
        #expect(ArticleExtractor.read(bytes: Array(text.utf8), name: "note.unknown")?.article.format == format)
        #expect(ArticleExtractor.read(bytes: Array(text.utf8), name: nil)?.article.format == format)
    }

    @Test func knownExtensionWinsOverContent() throws {
        let reading = try #require(ArticleExtractor.read(bytes: Array("<p>Looks like markup.</p>".utf8), name: "a.txt"))
        #expect(reading.article.format == .plainText)
        #expect(reading.article.body == "<p>Looks like markup.</p>")
    }
}
