import Foundation
import Testing
@testable import Inbox

/// Bad input read through the real reading path: bytes written to a real file in a real folder,
/// opened by ``ArticleReader`` as the service opens inbox entries, reduced by
/// ``ArticleExtractor/read(bytes:name:)`` (issue 16: stray NUL bytes, UTF-16 without a
/// byte-order mark, a BOM against a `<meta charset>`, a stray Latin-1 byte in UTF-8, CDATA in a
/// page, an e-mail with CR-only line ends).
@Suite struct BadInputReadingTests {
    /// Writes `bytes` to a file `name` in a fresh folder and reads it back as the service does.
    static func read(_ name: String, _ bytes: [UInt8]) throws -> ArticleReading? {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        #expect(FileManager.default.createFile(atPath: folder.path + "/" + name, contents: Data(bytes)))
        let raw = try ArticleReader(inbox: folder.path, maxBytes: 10_000_000).read(name: name)
        return ArticleExtractor.read(bytes: raw.bytes, name: name)
    }

    static let page = """
        <html><head><title>Harbour news</title></head><body><article>\
        <p>The harbour opened on Monday after a long winter of repairs to the docks.</p>\
        <p>Ships came in early, and the tide was high that morning.</p>\
        <p>The mayor spoke to the crowd about the new trade routes and the jobs they bring.</p>\
        </article></body></html>
        """

    @Test func aStrayNULInAPageIsDroppedAndTheArticleKept() throws {
        var bytes = Array(Self.page.utf8)
        let at = try #require(Self.page.range(of: "tide")).upperBound.utf16Offset(in: Self.page)
        bytes.insert(0, at: at)
        let reading = try #require(try Self.read("nul.html", bytes))
        #expect(reading.article.title == "Harbour news")
        #expect(reading.article.body.contains("Ships came in early, and the tide was high that morning."))
        #expect(reading.droppedNULs == 1)
        #expect(!reading.article.body.unicodeScalars.contains("\0"))
        let note = "Harbour news\n\nThe harbour\0 opened on Monday after a long winter of repairs to the docks and quays. Ships came in early.\n"
        let text = try #require(try Self.read("nul.txt", Array(note.utf8)))
        #expect(text.article.body.contains("The harbour opened on Monday"))
        // The rule is a share (1 %) of control bytes: the same NUL in a 45-byte note is 2 % of it.
        #expect(try Self.read("short.txt", Array("Harbour news\n\nThe harbour\0 opened on Monday.\n".utf8)) == nil)
    }

    /// Binary stays binary: a ZIP header, an ELF header with its NUL-padded fields, random bytes.
    @Test func binaryFilesAreStillRefused() throws {
        #expect(try Self.read("zip.txt", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0] + Array(repeating: 0x41, count: 50)) == nil)
        var elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 56)
        elf += Array("some readable strings in the binary".utf8) + Array(repeating: 0, count: 100)
        #expect(try Self.read("a.out.txt", elf) == nil)
        var state: UInt64 = 42
        let random = (0..<4096).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        #expect(try Self.read("random.txt", random) == nil)
    }

    @Test(arguments: [("utf-16le", String.Encoding.utf16LittleEndian), ("utf-16be", .utf16BigEndian)])
    func utf16WithoutAByteOrderMarkIsDecoded(_ label: String, _ encoding: String.Encoding) throws {
        for (title, body) in [("Harbour news", "The café on the quay reopened on Monday. Crème brûlée was served."),
                              ("Новости гавани", "Кафе на набережной открылось в понедельник. Подали десерт."),
                              ("港のニュース", "月曜日に港の喫茶店が再開しました。")] {
            let bytes = Array(try #require((title + "\n\n" + body + "\n").data(using: encoding)))
            #expect(bytes.prefix(2) != [0xFF, 0xFE] && bytes.prefix(2) != [0xFE, 0xFF]) // no BOM written
            let reading = try #require(try Self.read("u16.txt", bytes))
            #expect(reading.encoding == label)
            #expect(!reading.declared) // a detection, reported as a guess
            #expect(reading.article.body.contains(body))
        }
        let html = "<html><head><meta charset=\"utf-16\"><title>Harbour news</title></head><body><p>The café reopened on Monday.</p></body></html>"
        let pageBytes = Array(try #require(html.data(using: encoding)))
        let page = try #require(try Self.read("u16.html", pageBytes))
        #expect(page.encoding == label)
        #expect(page.article.title == "Harbour news")
        #expect(page.article.body == "The café reopened on Monday.")
    }

    /// A byte-order mark decides the encoding, whatever `<meta charset>` says (WHATWG HTML).
    @Test func aByteOrderMarkWinsOverTheDeclaredCharset() throws {
        let html = "<html><head><meta charset=\"windows-1252\"><title>Café news</title></head><body><p>The café on the quay reopened — all done.</p></body></html>"
        let reading = try #require(try Self.read("bom.html", [0xEF, 0xBB, 0xBF] + Array(html.utf8)))
        #expect(reading.encoding == "utf-8")
        #expect(reading.article.title == "Café news")
        #expect(reading.article.body == "The café on the quay reopened — all done.")
    }

    /// One Latin-1 byte in UTF-8 text costs one U+FFFD, not mojibake of every other accent.
    @Test func aStrayLatin1ByteInUTF8TextKeepsTheRestReadable() throws {
        let bytes = Array("Caf".utf8) + [0xE9] + Array(" owners: naïve résumé writers, déjà vu.".utf8)
        let reading = try #require(try Self.read("mixed.txt", bytes))
        #expect(reading.encoding == "utf-8")
        #expect(reading.repaired)
        #expect(reading.article.body == "Caf\u{FFFD} owners: naïve résumé writers, déjà vu.")
        // Short legacy text is still legacy text.
        let legacy = try #require(try Self.read("legacy.txt", Array("Gr".utf8) + [0xFC, 0xDF] + Array("e aus M".utf8) + [0xFC] + Array("nchen.".utf8)))
        #expect(legacy.encoding == "windows-1252")
        #expect(legacy.article.body == "Grüße aus München.")
    }

    @Test func cdataInAPageIsTextWithoutItsMarkers() throws {
        let html = Self.page.replacingOccurrences(of: "<p>Ships came in early, and the tide was high that morning.</p>",
                                                  with: "<p><![CDATA[Ships came in early, and the tide was 3 > 2 metres high that morning.]]></p>")
        let reading = try #require(try Self.read("cdata.html", Array(html.utf8)))
        #expect(reading.article.body.contains("Ships came in early, and the tide was 3 > 2 metres high that morning."))
        #expect(!reading.article.body.contains("CDATA"))
        #expect(!reading.article.body.contains("]]>"))
        #expect(CDATAMarkers.removed("a <![CDATA[b]]> c <![CDATA[d") == "a b c d")
        for (text, expected) in [("", ""), ("<![CDATA[", ""), ("]]>", "]]>"), ("x]]><![CDATA[y]]>z]]>", "x]]>yz]]>"),
                                 ("<![CDATA[<![CDATA[a]]>]]>", "<![CDATA[a]]>"), ("«Grüße» <![CDATA[日本]]> …", "«Grüße» 日本 …"),
                                 ("<![CDATA", "<![CDATA"), ("<<![CDATA[a]]>>", "<a>")] {
            #expect(CDATAMarkers.removed(text) == expected, "\(text)")
        }
    }

    @Test(arguments: ["\r", "\n", "\r\n"])
    func anEmailIsReadTheSameWithAnyLineEnd(_ end: String) throws {
        let lines = ["From: desk@example.org", "To: reader@example.org", "Subject: Re: The harbour report",
                     "Content-Type: text/plain; charset=utf-8", "", "The harbour opened on Monday. Ships came in early.",
                     "The mayor spoke.", ""]
        let reading = try #require(try Self.read("m.eml", Array(lines.joined(separator: end).utf8)))
        #expect(reading.article.title == "The harbour report")
        #expect(reading.article.body.contains("The harbour opened on Monday. Ships came in early."))
        #expect(reading.article.body.contains("The mayor spoke."))
    }

    /// A run of stars or spaces as long as the file: the trims that removed one character at a
    /// time from the end were quadratic. Correctness of the one-slice trims.
    @Test func longRunsAreTrimmedWhole() throws {
        #expect(Substring("title: X" + String(repeating: " ", count: 100_000)).trimmingTrailingSpaces() == "title: X")
        #expect(Substring(String(repeating: " \t", count: 1000)).trimmingTrailingSpaces() == "")
        let stars = "From: desk@example.org\nSubject: S\nContent-Type: text/plain\n\nHello there. This is the body of the note.\n\nFrom"
            + String(repeating: "*", count: 200_000) + ": x\n"
        let reading = try #require(try Self.read("stars.eml", Array(stars.utf8)))
        #expect(reading.article.body.hasPrefix("Hello there. This is the body of the note."))
    }
}
