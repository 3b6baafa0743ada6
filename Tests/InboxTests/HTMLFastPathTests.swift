import Foundation
import Testing
@testable import Inbox

/// The fast HTML path (``MarkupElision`` before libxml2, ``HTMLTreeBuilder`` on its events)
/// reads pages as libxml2's own tree would have them, on the markup libxml2 2.9 treats in its
/// own way.
@Suite struct HTMLFastPathTests {
    static func read(_ html: String) -> ArticleReading? {
        ArticleExtractor.read(bytes: Array(html.utf8), name: "page.html")
    }

    static let story = "<p>The harbour crane is back in service after a cable repair, the port said on Monday.</p>"

    @Test func scriptStyleAndCommentTextIsRemovedButTheElementsStay() {
        let page = "<html><body><script>var a = '<p>not text</p>';</script><style>p{}</style><!-- <p>note</p> -->"
            + Self.story + "</body></html>"
        let elided = String(decoding: MarkupElision.elide(Array(page.utf8)), as: UTF8.self)
        #expect(elided == "<html><body><script></script><style></style><!---->" + Self.story + "</body></html>")
        #expect(Self.read(page)?.article.body == "The harbour crane is back in service after a cable repair, the port said on Monday.")
    }

    @Test func onlyTheAttributesTheExtractorReadsAreKept() {
        let page = #"<div class="story" data-x="a>b" href=x id=main style="color:red" onclick='f("<script>")'><p>Text</p></div>"#
        let elided = String(decoding: MarkupElision.elide(Array(page.utf8)), as: UTF8.self)
        #expect(elided == #"<div class="story"   id=main style="color:red" ><p>Text</p></div>"#)
    }

    /// libxml2 2.9: a `<script>` inside a comment or an attribute value opens nothing, a stray
    /// `</scriptx>` does not end a script, `<script/>` is empty, and an end tag ends at the first
    /// `>` even inside quotes.
    @Test(arguments: [
        #"<!-- <script> -->"#, #"<div title="<script>">x</div>"#, #"<script>a="</scriptx>";</script>"#, "<script/>",
        #"<SCRIPT type="a">x</SCRIPT >"#, #"<script>a</script foo="<b>">"#, "<!-->x-->", "<!-- a --!>", "<?pi <script> >",
        "<!DOCTYPE html>", "</ p>",
    ])
    func trickyMarkupReadsAsBefore(_ markup: String) {
        let page = "<p>Before the markup, a sentence.</p>" + markup + Self.story
        let fast = Self.read(page)?.article
        // The same page with the tricky part's raw text written out of reach of the scan: a NUL
        // byte makes MarkupElision leave the page as it is.
        let plain = HTMLExtractor.extract(page + "\u{0}")
        #expect(fast?.body == plain?.body)
        #expect(fast?.body.contains("harbour crane") == true)
    }

    @Test func blankRunsBetweenTagsFoldToOneBlank() {
        let page = "<ul>\n      <li>One</li>\n      <li>Two</li>\n</ul>"
        let elided = String(decoding: MarkupElision.elide(Array(page.utf8)), as: UTF8.self)
        #expect(elided == "<ul>\n<li>One</li>\n<li>Two</li>\n</ul>")
    }

    /// libxml2's own tree builder stopped the whole parse at 256 nested elements and lost the
    /// rest of the page; the builder flattens deeper elements into the one at its depth limit.
    @Test func textBelowTheDepthLimitIsKept() throws {
        let depth = 400
        let page = "<html><body>" + String(repeating: "<div>", count: depth)
            + "<p>Deep inside the page there is a sentence about the harbour crane and its cable.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let body = try #require(Self.read(page)?.article.body)
        #expect(body == "Deep inside the page there is a sentence about the harbour crane and its cable.")
    }

    @Test func controlBytesMakeTheScanLeaveThePageAlone() {
        let page = Array("<p>a\u{1}b</p><script>x</script>".utf8)
        #expect(MarkupElision.elide(page) == page)
    }
}

/// The scalar and byte shortcuts of the label and title rules give what the character-level
/// definitions give, on text of many scripts, with combining marks, joiners and case mappings
/// that grow (İ → i̇), and fall back to those definitions where they could differ.
@Suite struct ExtractionShortcutTests {
    static let samples = [
        "Ünïcödé – “Quoted” text", "ΟΔΟΣ ΣΟΦΙΑΣ · Αθήνα", "İstanbul’da bir gün", "Photo: AFP ©  2024", "日本語のテキスト、です。",
        "Ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ", "café au lait", "e\u{301}cole du soir", "Straße № 5", "ǅemal Bijedić", "1½ cups — 2¾ spoons",
        "a\r\nb c", "x\u{200D}y z", "Москва — столица", "ガ\u{3099} 濁点", "🇫🇷 flag", "  leading and trailing  ", "",
        "Copyright © ΑΒΓ", "tab\there", "ﬁne ligature", "Ω ohm ℃", "ΚΑΙ΄ · ;", "long " + String(repeating: "é", count: 170),
    ]

    @Test func scalarLabelKeysMatchTheCharacterDefinition() {
        var shortcuts = 0
        for text in Self.samples {
            guard let fast = BoilerplateNames.loneScalarLabelKey(text) else { continue }
            shortcuts += 1
            #expect(fast == BoilerplateNames.characterLabelKey(text), "\(text)")
        }
        // The shortcut is taken for most of the samples, not skipped for all.
        #expect(shortcuts >= 15)
        #expect(BoilerplateNames.loneScalarLabelKey("e\u{301}cole") == nil)
        #expect(BoilerplateNames.loneScalarLabelKey("İstanbul") == nil) // lower-cases to i + U+0307
    }

    @Test func characterCountShortcutMatchesCount() {
        for text in Self.samples + [String(repeating: "é", count: 160), String(repeating: "e\u{301}", count: 161),
                                    String(repeating: "\r\n", count: 161), String(repeating: "日", count: 161)] {
            #expect(BoilerplateNames.hasAtMost160Characters(text) == (text.count <= 160), "\(text.count)")
        }
    }

    @Test func byteSplitMatchesFoundation() {
        let titles = Self.samples.map { "\($0) | Site – Section — Part :: x · y • z // w « v » u - t" }
        var literal = 0
        for title in titles where HTMLPage.splitsLiterally(title) {
            literal += 1
            for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " « ", " » "] {
                #expect(HTMLPage.split(title, at: separator) == title.components(separatedBy: separator), "\(title)")
            }
        }
        #expect(literal >= 15)
        #expect(!HTMLPage.splitsLiterally("A \u{387} B")) // canonically `·`
    }
}
