import Digest
import Foundation
import Testing

/// What the intake reads: the S5 and S8 field cases (F29, F42), each input format with a
/// real-world-shaped sample (`Tests/InboxTests/Fixtures/`), and every rejection reason.
@Suite(.serialized) struct IntakeContentFieldCaseTests {
    static let fixtures = Repo.root + "/Tests/InboxTests/Fixtures"

    /// F29 (S5): an all-caps article and its mixed-case twin segment and summarize alike.
    @Test func f29AllCapsTwinGetsTheSameSentencesVerbatim() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let names = try FieldCase("F29").copyInputs(to: ws.inbox)
        #expect(names == ["f29-caps.txt", "f29-mixed.txt"])
        let segmented = try names.map { try runDigestd(["segment", ws.inbox + "/" + $0]) }
        #expect(segmented.allSatisfy { $0.status == 0 })
        let capsLines = segmented[0].out.split(separator: "\n").map(String.init)
        let mixedLines = segmented[1].out.split(separator: "\n").map(String.init)
        #expect(capsLines == mixedLines.map { $0.uppercased() })

        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(await eventually(timeout: .seconds(10)) { ws.entries().count >= 2 })
        let caps = try #require(entries(ws, source: "f29-caps.txt").first)
        let mixed = try #require(entries(ws, source: "f29-mixed.txt").first)
        #expect(caps.title == "GRAIN PRICES CLIMB AFTER DRY SUMMER")
        #expect(mixed.title == "Grain prices climb after dry summer")
        #expect(caps.sentences == mixed.sentences.map { $0.uppercased() }, "same sentences chosen, caps kept verbatim")
        #expect(await service.stop() == 0)
    }

    /// F42 (S8): Latin-1, CP1252, UTF-16LE with BOM and broken UTF-8 each get an entry with the
    /// intended text; the right warnings; the digest is valid UTF-8 without C1 controls.
    @Test func f42LegacyAndBrokenEncodingsAreDecodedAsIntended() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let names = try FieldCase("F42").copyInputs(to: ws.inbox)
        #expect(names.count == 4)
        #expect(await eventually(timeout: .seconds(10)) { ws.entries().count >= 4 })
        for name in names {
            let expected = try FieldCase("F42").expected(name)
            let entry = try #require(entries(ws, source: name).first, "\(name) has no entry")
            #expect(entry.title == expected.split(separator: "\n").first.map(String.init))
            for sentence in entry.sentences {
                #expect(folded(expected).contains(folded(sentence)), "\(name): not the intended text: \(sentence)")
            }
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: ws.digests) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: ws.digests + "/" + file))
            let text = try #require(String(validating: Array(bytes), as: UTF8.self), "\(file) is not valid UTF-8")
            #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "\(file) holds C1 controls")
        }
        let log = service.log
        for name in ["f42-latin1.txt", "f42-cp1252.txt"] {
            let said = warnings(in: log, about: name)
            #expect(said.count == 1 && said.first?.fields["DIGESTD_ENCODING"] == "windows-1252", "\(name): \(said.map(\.text))")
        }
        let invalid = warnings(in: log, about: "f42-invalid-utf8.txt")
        #expect(invalid.count == 1 && invalid.first?.fields["DIGESTD_REASON"] == "invalid_utf8")
        #expect(warnings(in: log, about: "f42-utf16le-bom.txt").isEmpty)
        #expect(await service.stop() == 0)
    }

    /// Each format through the binary: an HTML page as a browser saves it, a multipart
    /// newsletter, an HTML-only newsletter, Markdown, Windows-1252 text with curly quotes.
    @Test func everyInputFormatBecomesAnEntryOfItsArticleText() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let samples = ["harbour-crane-saved-page.html", "lenner-weekly-newsletter.eml", "sorvik-html-only.eml",
                       "library-hours.md", "tram-fares-cp1252.txt"]
        for name in samples {
            #expect(FileManager.default.createFile(atPath: ws.inbox + "/" + name, contents: FileManager.default.contents(atPath: Self.fixtures + "/" + name)))
        }
        #expect(await eventually(timeout: .seconds(15)) { ws.entries().count >= samples.count }, "log:\n\(service.log)")
        func entry(_ name: String) throws -> MarkdownDigest.Entry { try #require(entries(ws, source: name).first, "\(name) has no entry") }

        let page = try entry("harbour-crane-saved-page.html")
        #expect(page.title == "Harbour crane back in service after cable repair")
        let pageText = try String(contentsOfFile: Self.fixtures + "/harbour-crane-saved-page.expected.txt", encoding: .utf8)
        #expect(!page.sentences.isEmpty)
        for sentence in page.sentences { #expect(folded(pageText).contains(folded(sentence)), "not story text: \(sentence)") }

        let letter = try entry("lenner-weekly-newsletter.eml")
        #expect(letter.title == "Record apple harvest in the valley – issue 47")
        #expect(letter.sentences.contains { $0.contains("records began") || $0.contains("farm gate") || $0.contains("cider press") })
        #expect(!letter.sentences.joined().contains("=E2") && !letter.sentences.joined().contains("Unsubscribe"))

        let htmlOnly = try entry("sorvik-html-only.eml")
        #expect(htmlOnly.title == "Sørvik market news")
        #expect(htmlOnly.sentences.contains { $0.contains("café owners' association in Sørvik") })

        let markdown = try entry("library-hours.md")
        #expect(markdown.title == "Town library extends opening hours")
        #expect(!markdown.sentences.joined().contains("**") && !markdown.sentences.joined().contains("]("))
        #expect(!markdown.sentences.joined().contains("curl"))

        let legacy = try entry("tram-fares-cp1252.txt")
        #expect(legacy.title == "Tram fares – what changes")
        #expect(legacy.sentences.contains { $0.contains("“We want more people to leave the car at home,”") })
        #expect(legacy.sentences.contains { $0.contains("city’s tram company") && $0.contains("€2.10") })
        #expect(await service.stop() == 0)
    }

    /// Every rejection: one warning with the path, the reason code, and the errno where known;
    /// the service goes on and takes the next article.
    @Test func rejectionsAreWarnedOnceWithReasonAndTheServiceGoesOn() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = try writeConfiguration(ws, inbox: ["max_bytes = 2000"])
        let service = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await service.waitUntilReady())
        let fm = FileManager.default
        fm.createFile(atPath: ws.inbox + "/zip.txt", contents: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0] + Array(repeating: 0x41, count: 50)))
        fm.createFile(atPath: ws.inbox + "/huge.txt", contents: Data(String(repeating: "A long article line. ", count: 200).utf8))
        fm.createFile(atPath: ws.inbox + "/blank.md", contents: Data("\n   \n\t\n".utf8))
        fm.createFile(atPath: ws.inbox + "/markup-only.html", contents: Data("<html><head><script>x()</script></head><body><nav><a href=/>Home</a></nav></body></html>".utf8))
        fm.createFile(atPath: ws.inbox + "/mac-classic.txt", contents: Data("Ferry strike ends\r\rThe ferry crews returned to work on Monday.\rTimetables are back to normal.\r".utf8))
        for round in 0..<2 { // written twice: still one warning each
            for name in ["zip.txt", "huge.txt", "blank.md", "markup-only.html"] {
                let data = fm.contents(atPath: ws.inbox + "/" + name)
                fm.createFile(atPath: ws.inbox + "/" + name, contents: data)
            }
            if round == 0 { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(await eventually(timeout: .seconds(10)) { !entries(ws, source: "mac-classic.txt").isEmpty })
        try await Task.sleep(for: .milliseconds(500))
        let log = service.log
        for (name, reason) in [("zip.txt", "binary"), ("huge.txt", "too_large"), ("blank.md", "empty"), ("markup-only.html", "empty")] {
            let said = warnings(in: log, about: name)
            #expect(said.count == 1, "\(name): \(said.map(\.text))")
            #expect(said.first?.fields["DIGESTD_REASON"] == reason, "\(name)")
            #expect(said.first?.article?.hasPrefix("/") == true)
        }
        let classic = try #require(entries(ws, source: "mac-classic.txt").first)
        #expect(classic.title == "Ferry strike ends")
        #expect(classic.sentences == ["The ferry crews returned to work on Monday.", "Timetables are back to normal."])
        #expect(ws.entries().map(\.source) == ["mac-classic.txt"])
        #expect(await service.stop() == 0)
    }
}
