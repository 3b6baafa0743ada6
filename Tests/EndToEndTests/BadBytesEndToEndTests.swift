import Foundation
import Testing

/// Bad bytes through the running service (issue 16, breaker findings 2–5): a saved page with one
/// stray NUL, a note in UTF-16 without a byte-order mark, a page whose UTF-8 BOM contradicts its
/// `<meta charset>`, a page with a CDATA section and a mail with CR-only line ends each become an
/// entry with readable text; the NUL is named in one journal warning; a binary file is still
/// refused, and the service goes on.
@Suite struct BadBytesEndToEndTests {
    static let page = """
        <html><head><title>Harbour reopens after repairs</title></head><body><article>\
        <p>The harbour opened on Monday after a long winter of repairs to the docks.</p>\
        <p>Ships came in early, and the tide was high that morning.</p>\
        <p>The mayor spoke to the crowd about the new trade routes and the jobs they bring.</p>\
        </article></body></html>
        """

    @Test func badBytesBecomeReadableEntries() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let fm = FileManager.default
        var nul = Array(Self.page.utf8)
        nul.insert(0, at: try #require(nul.firstIndex(of: UInt8(ascii: "S"))))
        #expect(fm.createFile(atPath: ws.inbox + "/stray-nul.html", contents: Data(nul)))
        let note = "Ferry timetable changes\n\nThe ferry to the island runs every hour from Monday. The café on the pier opens at six.\n"
        #expect(fm.createFile(atPath: ws.inbox + "/utf16-note.txt", contents: note.data(using: .utf16LittleEndian)))
        // Each page tells its own story (pages on the same story would be one top story).
        let bom = "<html><head><meta charset=\"windows-1252\"><title>Café owners win rent case</title></head><body><article>"
            + "<p>Café owners in the old town won their rent case in court on Tuesday.</p>"
            + "<p>The judge ruled that the landlord from Curaçao must return the deposits.</p></article></body></html>"
        #expect(fm.createFile(atPath: ws.inbox + "/bom-meta.html", contents: Data([0xEF, 0xBB, 0xBF] + Array(bom.utf8))))
        let cdata = "<html><head><title>Tide tables published</title></head><body><article>"
            + "<p>The port authority published the winter tide tables on Wednesday.</p>"
            + "<p><![CDATA[Spring tides will reach 3 > 2 metres above the quay in January, the pilots warned.]]></p></article></body></html>"
        #expect(fm.createFile(atPath: ws.inbox + "/cdata.html", contents: Data(cdata.utf8)))
        let mail = ["From: desk@example.org", "Subject: Fwd: Lighthouse keeper retires", "Content-Type: text/plain; charset=utf-8", "",
                    "The lighthouse keeper retired on Friday after forty years on the rock.", "Her son takes over the lamp.", ""]
        #expect(fm.createFile(atPath: ws.inbox + "/cr-only.eml", contents: Data(mail.joined(separator: "\r").utf8)))
        #expect(fm.createFile(atPath: ws.inbox + "/zip.txt", contents: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0] + Array(repeating: 0x41, count: 50))))

        let names = ["stray-nul.html", "utf16-note.txt", "bom-meta.html", "cdata.html", "cr-only.eml"]
        #expect(await eventually(timeout: .seconds(30)) { names.allSatisfy { !entries(ws, source: $0).isEmpty } })
        let nulEntry = try #require(entries(ws, source: "stray-nul.html").first)
        #expect(nulEntry.title == "Harbour reopens after repairs")
        #expect(nulEntry.sentences.joined(separator: " ").contains("Ships came in early"))
        let utf16 = try #require(entries(ws, source: "utf16-note.txt").first)
        #expect(utf16.title == "Ferry timetable changes")
        #expect(utf16.sentences.joined(separator: " ").contains("The café on the pier opens at six."))
        let bomEntry = try #require(entries(ws, source: "bom-meta.html").first)
        #expect(bomEntry.title == "Café owners win rent case")
        #expect(bomEntry.sentences.joined(separator: " ").contains("Curaçao"))
        let cdataEntry = try #require(entries(ws, source: "cdata.html").first)
        #expect(cdataEntry.sentences.joined(separator: " ").contains("Spring tides will reach 3 > 2 metres"))
        #expect(!cdataEntry.sentences.joined().contains("CDATA"))
        let crEntry = try #require(entries(ws, source: "cr-only.eml").first)
        #expect(crEntry.title == "Lighthouse keeper retires")
        #expect(crEntry.sentences.joined(separator: " ").contains("forty years on the rock"))

        #expect(await eventually(timeout: .seconds(10)) { !warnings(in: service.log, about: "zip.txt").isEmpty })
        let log = service.log
        let nulWarnings = warnings(in: log, about: "stray-nul.html")
        #expect(nulWarnings.count == 1, "\(nulWarnings.map(\.text))")
        #expect(nulWarnings.first?.fields["DIGESTD_REASON"] == "nul_bytes")
        #expect(warnings(in: log, about: "zip.txt").first?.fields["DIGESTD_REASON"] == "binary")
        #expect(await service.stop() == 0)
    }
}
