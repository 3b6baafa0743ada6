import Digest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Issue 13, first point: with every format on, articles whose titles, bodies and names hold
/// noncharacters, plane-16 scalars, bidi overrides, C0 controls, DEL and invalid UTF-8 never
/// stop the service; each is in all four outputs or refused with a reason, and the outputs are valid.
@Suite struct HostileArticleEndToEndTests {
    /// Characters the issue names, each as one article.
    static let hostile: [(tag: String, text: String)] = [
        ("fffe", "\u{FFFE}"), ("1fffe", "\u{1FFFE}"), ("10ffff", "\u{10FFFF}"), ("rlo", "\u{202E}"),
        ("c0", String(String.UnicodeScalarView((0...0x1F).map { Unicode.Scalar(UInt8($0)) }))), ("del", "\u{7F}"),
    ]

    /// Bytes of an article whose title and body contain `text`.
    static func article(_ tag: String, _ text: String) -> Data {
        Data("Harbour \(tag) notice \(text) today\n\nThe harbour office \(text) published notice \(tag) about berths. Skippers must confirm berth \(tag) \(text) by Friday. Late confirmations go to the waiting list.\n".utf8)
    }

    @Test func everyHostileCharacterIsDigestedInAllFourFormatsOrRefusedWithAReason() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\", \"html\", \"atom\", \"json\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let service = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await service.waitUntilReady())
        var expected: [String] = [] // source names that must reach the digest
        for (tag, text) in Self.hostile {
            FileManager.default.createFile(atPath: ws.inbox + "/title-\(tag).txt", contents: Self.article(tag, text))
            // C0 controls in the body make it binary content: refused with a reason, and counted below.
            if tag != "c0" { expected.append("title-\(tag).txt") }
            // The same characters in the name, where the file system allows (not NUL, not "/").
            let nameText = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\0" && $0 != "/" }))
            let name = "name-\(tag)-\(nameText).txt"
            if FileManager.default.createFile(atPath: ws.inbox + "/" + name, contents: Self.article("n" + tag, "plain")) {
                expected.append("name-\(tag)-") // Markdown shows the name neutralised: match its start
            }
        }
        // Invalid UTF-8 in the content and in the name.
        FileManager.default.createFile(atPath: ws.inbox + "/bad-utf8.txt",
                                       contents: Data("Broken \u{FF} bytes\n\nThe harbour office published a notice about berths. Skippers must confirm by Friday.\n".utf8)
                                           + Data([0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, 0x0A]))
        let badName = Array("bad-name-".utf8) + [0xFF, 0xC3, 0x28] + Array(".txt".utf8)
        let badPath = Array(ws.inbox.utf8) + [UInt8(ascii: "/")] + badName + [0]
        let fd = badPath.map { CChar(bitPattern: $0) }.withUnsafeBufferPointer { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        #expect(fd >= 0)
        let body = Array("Odd name notice\n\nThe harbour office published a notice about odd names. Skippers must confirm by Friday.\n".utf8)
        _ = body.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)

        // Each file is either an entry or refused with a warning that says why.
        let total = expected.count + 3 // title-c0.txt, bad-utf8.txt and the invalid name: each an entry or refused
        let settled = await eventually(timeout: .seconds(30)) {
            let sources = Set(ws.entries().map(\.source))
            let refused = logLines(service.log).filter { $0.isWarningOrWorse && $0.fields["DIGESTD_REASON"] != nil }.count
            return expected.allSatisfy { e in sources.contains { $0 == e || e.hasSuffix("-") && $0.hasPrefix(e) } }
                && sources.count + refused == total
        }
        #expect(settled, "entries \(ws.entries().map(\.source)), refused \(logLines(service.log).filter { $0.isWarningOrWorse }.map { $0.fields["DIGESTD_REASON"] ?? "-" }), expected \(total)")
        #expect(service.process.isRunning, "the service stopped")
        try await Task.sleep(for: .seconds(2)) // let every format catch up (render spacing)

        let files = try FileManager.default.contentsOfDirectory(atPath: ws.digests)
        let day = try #require(files.first { $0.hasSuffix(".md") }).dropLast(3)
        // JSON parses, and holds the same articles as Markdown.
        let jsonData = try #require(FileManager.default.contents(atPath: ws.digests + "/\(day).json"))
        let object = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [String: Any])
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles.count == ws.entries().count)
        let titles = articles.compactMap { $0["title"] as? String }
        #expect(titles.contains { $0.unicodeScalars.contains("\u{1FFFE}") })
        #expect(titles.contains { $0.unicodeScalars.contains("\u{10FFFF}") })
        // Atom parses as XML; HTML holds each article.
        let feed = try #require(FileManager.default.contents(atPath: ws.digests + "/feed.atom"))
        #expect(FeedReader.read(String(decoding: feed, as: UTF8.self)) != nil, "Atom feed is not well-formed")
        let html = try String(contentsOfFile: ws.digests + "/\(day).html", encoding: .utf8)
        for title in titles { #expect(html.contains(MarkupEscaping.escape(title)), "\(title) not in the HTML page") }
        // Markdown: no raw bidi override, no raw control.
        let markdown = try String(contentsOfFile: ws.digests + "/\(day).md", encoding: .utf8)
        #expect(!markdown.unicodeScalars.contains { $0 == "\u{202E}" || ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F })
        #expect(service.process.isRunning)
        #expect(await service.stop() == 0)

        // Every HTML file written (the day page and index.html) passes the Nu HTML Checker: no
        // error, and no warning except those about the article's own characters.
        let pages = files.filter { $0.hasSuffix(".html") }.sorted().map { ws.digests + "/" + $0 }
        #expect(pages.count == 2, "\(files)")
        let located = NuValidator.locate()
        guard let validator = located.validator else {
            #expect(!located.required, "\(located.problem)")
            try Test.cancel("HTML not validated: \(located.problem)")
        }
        let (messages, output) = try validator.validate(pages)
        let found = try #require(messages, "the Nu HTML Checker gave no JSON: \(output)")
        let problems = found.filter { $0.isError || $0.isWarning && !NuValidator.contentWarnings.contains($0.message) }
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }
}

/// Reads an Atom document with Foundation's XML parser (fails on any well-formedness error).
final class FeedReader: NSObject, XMLParserDelegate {
    static func read(_ xml: String) -> FeedReader? {
        let reader = FeedReader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }
}
