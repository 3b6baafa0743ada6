import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Digest
import Ledger

/// Article text that tries to become markup, or to reorder or break what a reader sees.
@Suite struct HostileTextTests {
    static let title = "Quote \"double\" & 'single' </title><script>alert(1)</script> \u{202E}gnp.exe\u{0001}\u{0085}"
    static let sentences = [
        "<img src=x onerror=alert(1)> and <svg onload=alert(2)>.",
        "<a href=\"javascript:alert(3)\">click</a> ]]> --> <!-- <style>*{}</style>",
        "Hebrew \u{200F}שלום\u{200F} and an override \u{202E}txet desrever\u{202C} end.",
        "Bell\u{0007} NUL\u{0000} DEL\u{007F} noncharacter\u{FFFE} done.",
    ]
    static let path = "/in/javascript:alert(1)\"><b>x.txt"

    static func hostileArticles() -> [ArticleRecord] {
        let hostile = ArticleRecord(id: 1, path: path, sha256: "h", size: 10, arrivedAt: 1_764_424_800_000, utcOffset: -12_600,
                                    day: "2026-11-29", title: title, sentences: sentences, keywords: ["<b>kw</b>", "on\"click"],
                                    wordCount: 460, sentenceCount: 9, language: "english")
        // A second copy under another name makes a top story, so headline and source list are covered too.
        var twin = hostile
        twin.id = 2
        twin.path = "/in/twin \u{202E}.txt"
        twin.arrivedAt += 60_000
        return [hostile, twin]
    }

    static let digest = DayDigest(day: "2026-11-29", articles: hostileArticles())

    /// Tags and attributes the templates use; anything else in the output came from article text.
    static let allowedTags: Set<String> = ["!doctype", "html", "head", "meta", "title", "link", "style", "body", "div", "header",
                                           "p", "a", "h1", "h2", "h3", "time", "main", "section", "article", "span", "ul", "li",
                                           "footer"]
    static let allowedAttributes: Set<String> = ["lang", "charset", "name", "content", "rel", "type", "title", "href", "class",
                                                 "id", "dir", "datetime", "aria-labelledby", "html"]

    /// Every tag of `html` (outside `<style>`) as (name, attribute names).
    static func tags(_ html: String) -> [(String, [String])] {
        var text = html
        while let open = text.range(of: "<style>"), let close = text.range(of: "</style>", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        let tag = try! Regex(#"<(/?)([!A-Za-z][A-Za-z0-9-]*)([^>]*)>"#)
        let attribute = try! Regex(#"([A-Za-z-]+)="[^"]*""#)
        return text.matches(of: tag).map { m in
            let name = String(m.output[2].substring ?? "").lowercased()
            let attrs = String(m.output[3].substring ?? "").matches(of: attribute).map { String($0.output[1].substring ?? "").lowercased() }
            return (name, attrs)
        }
    }

    static func expectOnlyTemplateMarkup(_ html: String) {
        for (name, attrs) in tags(html) {
            #expect(allowedTags.contains(name), "unexpected tag <\(name)>")
            for a in attrs { #expect(allowedAttributes.contains(a), "unexpected attribute \(a) on <\(name)>") }
        }
        for bad in ["<script", "<img", "<svg", "<b>", "<!--", "<a href=\"javascript", "href=\"javascript"] {
            #expect(!html.lowercased().contains(bad), "found \(bad)")
        }
    }

    static func expectNoRawControlsOrBidi(_ text: String, allowed: Set<UInt32> = [0x0A]) {
        for s in text.unicodeScalars {
            let v = s.value
            #expect(!(v < 0x20 && !allowed.contains(v)), "raw control U+\(String(v, radix: 16))")
            #expect(!(0x7F...0x9F).contains(v), "raw control U+\(String(v, radix: 16))")
            #expect(!MarkupEscaping.isBidiControl(s), "raw bidi control U+\(String(v, radix: 16))")
            #expect(v & 0xFFFE != 0xFFFE, "noncharacter")
        }
    }

    @Test func htmlPageShowsHostileTextAsText() throws {
        let html = try HTMLDigest.render(Self.digest, links: .init(output: "/out", feed: true))
        Self.expectOnlyTemplateMarkup(html)
        Self.expectNoRawControlsOrBidi(html)
        #expect(html.components(separatedBy: "</title>").count == 2)
        #expect(html.contains("Quote &quot;double&quot; &amp; &#39;single&#39; &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;a href=&quot;javascript:alert(3)&quot;&gt;click&lt;/a&gt;"))
        #expect(html.contains("&#x202E;gnp.exe"))
        #expect(html.contains("Hebrew &#x200F;"))
        // Alone (not in a top story), the article shows all its sentences.
        let single = try HTMLDigest.render(DayDigest(day: "2026-11-29", articles: [Self.hostileArticles()[0]]),
                                           links: .init(output: "/out", feed: false))
        Self.expectOnlyTemplateMarkup(single)
        Self.expectNoRawControlsOrBidi(single)
        #expect(single.contains("Bell\u{FFFD} NUL\u{FFFD} DEL\u{FFFD} noncharacter\u{FFFD} done."))
        // Source links: relative, percent-encoded, no scheme and no quote to leave the attribute.
        #expect(html.contains("href=\"../in/javascript%3Aalert%281%29%22%3E%3Cb%3Ex.txt\""))
        #expect(html.contains("href=\"../in/twin%20%E2%80%AE.txt\""))
        // Article text sits in bidi-isolating elements.
        #expect(html.contains("<h3 dir=\"auto\">Quote"))
        #expect(html.contains("<p dir=\"auto\">Hebrew"))
    }

    @Test func indexEscapesToo() throws {
        let html = try HTMLIndex.render(days: [.init(day: "2026-11-29", articles: 2)], feed: true)
        Self.expectOnlyTemplateMarkup(html)
        #expect(html.contains("href=\"2026-11-29.html\""))
    }

    @Test func atomFeedIsWellFormedAndItsContentOnlyTemplateMarkup() throws {
        let xml = try AtomFeed.render(days: [Self.digest], output: "/out", html: true)
        Self.expectNoRawControlsOrBidi(xml)
        #expect(!xml.contains("<script"))
        let parsed = try #require(FeedReader.read(xml))
        #expect(parsed.entryTitles == ["Digest for Sunday, 29 November 2026 (2 articles)"])
        #expect(parsed.contents.count == 1)
        let content = try #require(parsed.contents.first)
        Self.expectOnlyTemplateMarkup(content)
        #expect(content.contains("&lt;/title&gt;&lt;script&gt;"))
        #expect(parsed.summaries.first?.contains("</title><script>alert(1)</script> \u{202E}gnp.exe\u{FFFD}\u{FFFD}") == true)
        #expect(parsed.updated == ["2025-11-29T10:31:00-03:30", "2025-11-29T10:31:00-03:30"])
    }

    @Test func jsonEscapesAndRoundTrips() throws {
        let json = JSONDigest.render(Self.digest)
        Self.expectNoRawControlsOrBidi(json)
        for raw in ["<", ">", "&"] { #expect(!json.contains(raw)) }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "digestd.digest/1")
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles.first?["title"] as? String == Self.title)
        #expect(articles.first?["summary"] as? [String] == Self.sentences)
        #expect(articles.first?["source"] as? String == "javascript:alert(1)\"><b>x.txt")
        #expect(articles.first?["arrived"] as? String == "2025-11-29T10:30:00-03:30")
        let stories = try #require(object["top_stories"] as? [[String: Any]])
        #expect(stories.first?["articles"] as? [Int] == [0, 1])
    }

    @Test func markdownStillParsesWithTopStorySection() throws {
        let text = MarkdownDigest.render(Self.digest)
        #expect(text.contains("### Top story: "))
        let entries = try #require(MarkdownDigest.parse(text))
        #expect(entries.map(\.source) == ["javascript:alert(1)\"><b>x.txt", "twin \u{FFFD}.txt"])
        Self.expectNoRawControlsOrBidi(text)
        #expect(text.contains("\u{FFFD}gnp.exe"))
    }
}

/// Reads an Atom document with Foundation's XML parser (fails on any well-formedness error).
final class FeedReader: NSObject, XMLParserDelegate {
    var entryTitles: [String] = []
    var summaries: [String] = []
    var contents: [String] = []
    var updated: [String] = []
    private var text = ""
    private var inEntry = false

    static func read(_ xml: String) -> FeedReader? {
        let reader = FeedReader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "entry" { inEntry = true }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "title" where inEntry: entryTitles.append(text)
        case "summary": summaries.append(text)
        case "content": contents.append(text)
        case "updated": updated.append(text)
        case "entry": inEntry = false
        default: break
        }
    }
}
