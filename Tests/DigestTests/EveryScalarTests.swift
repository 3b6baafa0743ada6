import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Digest
import Ledger

/// Every Unicode scalar U+0000…U+10FFFF, in titles, sentences, keywords and file names, through
/// all four renderers: none traps, JSON parses and gives the text back, Atom is well-formed XML,
/// and Markdown holds no raw control, bidi formatting character or noncharacter.
@Suite struct EveryScalarTests {
    /// All scalars (surrogates U+D800…U+DFFF are not scalars), in chunks of `size`.
    static func chunks(size: Int) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            current.append(s)
            if current.count == size {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    static func record(_ text: String, id: Int64) -> ArticleRecord {
        ArticleRecord(id: id, path: "/in/" + String(text.unicodeScalars.prefix(40).filter { $0 != "/" && $0 != "\0" }.map(Character.init)),
                      sha256: "s\(id)", size: 1, arrivedAt: 1_764_424_800_000 + id, utcOffset: 3600, day: "2026-11-29",
                      title: text, sentences: [text, "Plain sentence."], keywords: [String(text.prefix(8))],
                      wordCount: 3, sentenceCount: 2, language: "english")
    }

    /// Raw controls (other than `allowed`), bidi formatting characters and noncharacters in `text`.
    static func unsafeScalars(_ text: String, allowed: Set<UInt32>) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { v in
            (v < 0x20 && !allowed.contains(v)) || (0x7F...0x9F).contains(v) || v & 0xFFFE == 0xFFFE || (0xFDD0...0xFDEF).contains(v)
                || MarkupEscaping.isBidiControl(Unicode.Scalar(v)!)
        }
    }

    @Test func jsonEscapesScalarsAboveTheBMPAsSurrogatePairs() throws {
        #expect(JSONDigest.unicodeEscape("\u{1FFFE}") == "\\ud83f\\udffe")
        #expect(JSONDigest.unicodeEscape("\u{10FFFF}") == "\\udbff\\udfff")
        #expect(JSONDigest.unicodeEscape("\u{FFFE}") == "\\ufffe")
        #expect(JSONDigest.unicodeEscape("\u{7F}") == "\\u007f")
        let digest = DayDigest(day: "2026-11-29", articles: [Self.record("a\u{1FFFE}b\u{10FFFF}c\u{202E}d", id: 1)])
        let json = JSONDigest.render(digest)
        #expect(json.contains("a\\ud83f\\udffeb\\udbff\\udfffc\\u202ed"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles.first?["title"] as? String == "a\u{1FFFE}b\u{10FFFF}c\u{202E}d")
        #expect(articles.first?["boilerplate_dropped"] as? Int == 0)
        var counted = Self.record("x", id: 2)
        counted.boilerplateDropped = 4
        let again = try #require(try JSONSerialization.jsonObject(with: Data(JSONDigest.render(DayDigest(day: "2026-11-29", articles: [counted])).utf8)) as? [String: Any])
        #expect((again["articles"] as? [[String: Any]])?.first?["boilerplate_dropped"] as? Int == 4)
    }

    @Test func everyScalarThroughEveryRenderer() throws {
        let texts = Self.chunks(size: 8192)
        #expect(texts.count == 136)
        for (i, text) in texts.enumerated() {
            let digest = DayDigest(day: "2026-11-29", articles: [Self.record(text, id: Int64(2 * i)),
                                                                  Self.record("Second " + text, id: Int64(2 * i + 1))])
            let json = JSONDigest.render(digest)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "chunk \(i)")
            let articles = try #require(object["articles"] as? [[String: Any]])
            #expect(articles.first?["title"] as? String == text, "chunk \(i)")
            #expect(articles.first?["summary"] as? [String] == [text, "Plain sentence."], "chunk \(i)")

            let markdown = MarkdownDigest.render(digest)
            #expect(Self.unsafeScalars(markdown, allowed: [0x0A]).isEmpty, "chunk \(i)")
            #expect(MarkdownDigest.parse(markdown)?.count == 2, "chunk \(i)")

            let html = try HTMLDigest.render(digest, links: .init(output: "/out", feed: true))
            #expect(Self.unsafeScalars(html, allowed: [0x09, 0x0A, 0x0D]).isEmpty, "chunk \(i)")
            let feed = try AtomFeed.render(days: [digest], output: "/out", html: true)
            #expect(FeedReader.read(feed) != nil, "chunk \(i): Atom not well-formed")
        }
    }
}
