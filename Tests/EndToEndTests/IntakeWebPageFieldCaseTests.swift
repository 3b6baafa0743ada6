import Digest
import Foundation
import Testing

/// Saved web pages through the built binary (service and commands): legacy charsets declared by
/// `<meta>` (F64), `<br><br>` paragraphs (F65), soft hyphens (F66), pages and HTML mail parts
/// that start with `<meta>` (F78), and the one reading path of `extract`/`summarize`/`segment`.
@Suite(.serialized) struct IntakeWebPageFieldCaseTests {
    static let fixtures = Repo.root + "/Tests/InboxTests/Fixtures"

    /// F64: a Windows-1251 and a KOI8-R page get Cyrillic titles and sentences; the journal names
    /// the encoding and gives no "decoded as Windows-1252" warning.
    @Test func f64LegacyCharsetPagesAreReadInTheirDeclaredEncoding() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let names = try FieldCase("F64").copyInputs(to: ws.inbox).filter { $0.hasSuffix(".html") }
        #expect(names.count == 2)
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(await eventually(timeout: .seconds(10)) { ws.entries().count >= 2 })
        for (name, title, encoding) in [("f64-cp1251-meta-charset.html", "В Порт-Эльвине открылся новый паромный причал", "windows-1251"),
                                        ("f64-koi8r-http-equiv.html", "Библиотека в Порт-Эльвине продлила часы работы", "koi8-r")] {
            let entry = try #require(entries(ws, source: name).first)
            #expect(entry.title == title)
            let reference = try String(contentsOfFile: Self.fixtures + "/" + name.replacingOccurrences(of: ".html", with: ".utf8.html"), encoding: .utf8)
            #expect(!entry.sentences.isEmpty)
            for sentence in entry.sentences { #expect(reference.contains("<p>" + sentence + "</p>"), "\(sentence)") }
            #expect(warnings(in: service.log, about: name).isEmpty)
            let said = logLines(service.log).filter { $0.isAbout(name) && $0.fields["DIGESTD_ENCODING"] != nil }
            #expect(said.first?.fields["DIGESTD_ENCODING"] == encoding, "\(said.map(\.text))")
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: ws.digests) {
            let text = try String(contentsOfFile: ws.digests + "/" + file, encoding: .utf8)
            for mojibake in ["Â ñóááîòó", "âÉÂÌÉÏÔÅËÁ", "Ï", "Ð"] { #expect(!text.contains(mojibake), "\(file)") }
        }
        #expect(await service.stop() == 0)
    }

    /// F65, F66, F78 through the service: every page becomes an entry of its own sentences.
    @Test func f65f66f78PagesBecomeEntriesOfTheirArticleText() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        var names: [String] = []
        for id in ["F65", "F66", "F78"] { names += try FieldCase(id).copyInputs(to: ws.inbox) }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(await eventually(timeout: .seconds(15)) { ws.entries().count >= names.count }, "log:\n\(service.log)")
        let breaks = try #require(entries(ws, source: "f65-br-paragraphs.html").first)
        let lines = try String(contentsOfFile: Repo.shared + "/field-cases/F65/sentences.expected.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        for sentence in breaks.sentences { #expect(lines.contains(sentence), "\(sentence)") }
        let hyphens = try #require(entries(ws, source: "f66-soft-hyphens.html").first)
        #expect(hyphens.title == "Harbourmaster approves grain pier reconstruction")
        let omitted = try #require(entries(ws, source: "f78-optional-tags-omitted.html").first)
        let control = try #require(entries(ws, source: "f78-control-with-doctype.html").first)
        #expect(omitted.title == "Kolm school gets new science room")
        #expect(omitted.sentences == control.sentences)
        let mail = try #require(entries(ws, source: "f78-html-mail-meta-first.eml").first)
        #expect(mail.title == "Quay lights replaced")
        #expect(mail.sentences.contains("The town council replaced all the lights on the fish quay this week."))
        for file in try FileManager.default.contentsOfDirectory(atPath: ws.digests) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: ws.digests + "/" + file))
            #expect(!String(decoding: bytes, as: UTF8.self).unicodeScalars.contains("\u{00AD}"), "\(file) holds a soft hyphen")
        }
        #expect(warnings(in: service.log, about: "f78-optional-tags-omitted.html").isEmpty)
        #expect(await service.stop() == 0)
    }

    /// `extract` prints the title and paragraphs; JSON adds format, encoding and language.
    @Test func extractPrintsWhatTheSummarizerReads() throws {
        let page = Self.fixtures + "/f64-koi8r-http-equiv.html"
        let text = try runDigestd(["extract", page])
        #expect(text.status == 0)
        #expect(text.out.hasPrefix("Библиотека в Порт-Эльвине продлила часы работы\n\nГородская библиотека Порт-Эльвина"))
        let json = try runDigestd(["extract", "--format", "json", page])
        #expect(json.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(objects.first?["format"] as? String == "html")
        #expect(objects.first?["encoding"] as? String == "koi8-r")
        #expect(objects.first?["language"] as? String == "russian")
        #expect((objects.first?["paragraphs"] as? [String])?.count == 8)
    }

    /// `summarize` and `segment` read a page as the service does, not its markup; standard input
    /// and a pipe given by path are sniffed and read to the end.
    @Test func summarizeAndSegmentReadPagesThroughTheSamePath() throws {
        let page = Self.fixtures + "/f78-optional-tags-omitted.html"
        let summary = try runDigestd(["summarize", "-n", "2", page])
        #expect(summary.status == 0)
        #expect(!summary.out.contains("<") && !summary.out.contains("Kolm school gets new science room"))
        #expect(summary.out.split(separator: "\n").count == 2)
        let segmented = try runDigestd(["segment", page])
        #expect(segmented.out.split(separator: "\n").count == 8)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let piped = try runDigestd(["segment", "-"], stdin: html)
        #expect(piped.out == segmented.out)
        let fifo = try runDigestd(["segment", "/dev/stdin"], stdin: html)
        #expect(fifo.status == 0 && fifo.out == segmented.out, "\(fifo.err)")
        let russian = try runDigestd(["segment", Self.fixtures + "/f64-cp1251-meta-charset.html"])
        #expect(russian.status == 0 && russian.out.split(separator: "\n").count >= 6)
    }

    /// A FIFO given by path is read to the end (the service itself still skips FIFOs).
    @Test func namedPipeGivenByPathIsReadToTheEnd() throws {
        let dir = NSTemporaryDirectory() + "digestd-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/page"
        #expect(mkfifo(fifo, 0o600) == 0)
        let html = try String(contentsOfFile: Self.fixtures + "/f78-control-with-doctype.html", encoding: .utf8)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(html.utf8))
                try? handle.close()
            }
        }
        writer.start()
        let result = try runDigestd(["extract", fifo])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("The primary school on Kolm island will open a new science room"))
    }
}
