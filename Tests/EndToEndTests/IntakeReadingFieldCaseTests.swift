import Digest
import Foundation
import Testing

/// What the service makes of legacy text, forwarded and flowed mail, Markdown with front matter
/// and footnotes, and lower-case brand names (F67, F69, F70, F72, F78), read from the digest it
/// writes (Markdown and JSON).
@Suite(.serialized) struct IntakeReadingFieldCaseTests {
    static let fixtures = Repo.root + "/Tests/InboxTests/Fixtures"

    /// The JSON digest's articles, by source file name.
    private static func jsonArticles(_ ws: Workspace) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: ws.digests)) ?? [] where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: ws.digests + "/" + name),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let articles = object["articles"] as? [[String: Any]] else { continue }
            for article in articles { if let source = article["source"] as? String { out[source] = article } }
        }
        return out
    }

    private static func allDigestText(_ ws: Workspace) -> String {
        ((try? FileManager.default.contentsOfDirectory(atPath: ws.digests)) ?? []).sorted().map {
            (try? String(contentsOfFile: ws.digests + "/" + $0, encoding: .utf8)) ?? ""
        }.joined(separator: "\n")
    }

    @Test func readingCornersBecomeTheRightEntries() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\", \"json\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let service = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await service.waitUntilReady())

        var names: [String] = []
        for id in ["F67", "F69", "F70", "F78"] {
            names += try FieldCase(id).copyInputs(to: ws.inbox).filter { !$0.hasSuffix(".html") }
        }
        let f72 = FieldCase("F72").folder + "/article.txt"
        #expect(FileManager.default.createFile(atPath: ws.inbox + "/f72-brands.txt", contents: FileManager.default.contents(atPath: f72)))
        names.append("f72-brands.txt")
        for name in ["kaliningrad-port-cp1251.txt", "harbour-library-shift-jis.txt", "ferry-timetable-flowed.eml",
                     "market-hall-flowed-delsp.eml", "bridge-works-outlook-forward.eml"] {
            #expect(FileManager.default.createFile(atPath: ws.inbox + "/" + name, contents: FileManager.default.contents(atPath: Self.fixtures + "/" + name)))
            names.append(name)
        }
        #expect(await eventually(timeout: .seconds(20)) { Self.jsonArticles(ws).count >= names.count }, "log:\n\(service.log)")
        let json = Self.jsonArticles(ws)
        func entry(_ name: String) throws -> MarkdownDigest.Entry { try #require(entries(ws, source: name).first, "\(name) has no entry") }
        func sentenceCount(_ name: String) -> Int? { json[name]?["sentences"] as? Int }

        // F67: forwarded newsletters.
        let gmail = try entry("f67-gmail-forward.eml")
        #expect(gmail.title == "Ferry operator to cut winter sailings")
        let ferryText = folded(try String(contentsOfFile: FieldCase("F67").folder + "/f67-gmail-forward.eml", encoding: .utf8)
            .components(separatedBy: "To: <newsroom@example.net>").last ?? "")
        for sentence in gmail.sentences { #expect(ferryText.contains(folded(sentence)), "not article text: \(sentence)") }
        #expect(!gmail.sentences.contains { $0.contains("Worth a line") })
        #expect(sentenceCount("f67-gmail-forward.eml") == 8)
        #expect(try entry("f67-applemail-forward.eml").title == "Library to open late on weekdays")
        #expect(sentenceCount("f67-applemail-forward.eml") == 8)

        // F69, F70: Markdown front matter and footnotes.
        #expect(try entry("f69-folded-front-matter.md").title == "Harbour dredging approved")
        #expect(try entry("f69-literal-front-matter.md").title == "Night buses return to the island")
        #expect(try entry("f70-footnotes.md").title == "Record year for cruise calls at Port Elwin")
        for name in ["f69-folded-front-matter.md", "f69-literal-front-matter.md", "f70-footnotes.md"] {
            #expect(sentenceCount(name) == 8, "\(name)")
        }

        // F72: lower-case brand names open sentences.
        let brands = try entry("f72-brands.txt")
        let gold = try String(contentsOfFile: FieldCase("F72").folder + "/sentences.expected.txt", encoding: .utf8)
            .split(separator: "\n").map { folded(String($0)) }
        for sentence in brands.sentences { #expect(gold.contains(folded(sentence)), "not a gold sentence: \(sentence)") }
        #expect(sentenceCount("f72-brands.txt") == 8)

        // F78: an HTML-only mail that starts with <meta>.
        let quay = try entry("f78-html-mail-meta-first.eml")
        #expect(quay.title == "Quay lights replaced")
        #expect((json["f78-html-mail-meta-first.eml"]?["words"] as? Int ?? 0) >= 70)

        // Legacy encodings, named in the journal.
        #expect(try entry("kaliningrad-port-cp1251.txt").title == "Порт в Калининграде откроет новый причал")
        #expect(try entry("harbour-library-shift-jis.txt").title == "港町に新しい図書館が開館")
        let log = service.log
        for (name, encoding) in [("kaliningrad-port-cp1251.txt", "windows-1251"), ("harbour-library-shift-jis.txt", "shift_jis")] {
            let said = warnings(in: log, about: name)
            #expect(said.count == 1 && said.first?.fields["DIGESTD_ENCODING"] == encoding, "\(name): \(said.map(\.text))")
        }

        // Flowed mail and an Outlook forward.
        #expect(try entry("ferry-timetable-flowed.eml").title == "Winter timetable for the Kolm ferry")
        #expect(sentenceCount("ferry-timetable-flowed.eml") == 5)
        #expect(try entry("market-hall-flowed-delsp.eml").sentences.allSatisfy { !$0.contains("  ") })
        #expect(try entry("bridge-works-outlook-forward.eml").title == "Bridge works on Harbour Street")

        // Nothing of the metadata, headers, quotes or markers anywhere in the digests.
        let digest = Self.allDigestText(ws)
        for fragment in ["Forwarded message", "Begin forwarded message", "Original Message", "Reply-To:", "@example.org",
                         "---------", "title:", "summary:", "excerpt:", "[^", "\\[^", "but not passengers who stayed on board",
                         "Friday. iPhone", "year. eBay", "once. iPad", "wrote:", "Readers keep asking", "Harbour Desk\nPort Elwin Courier"] {
            #expect(!digest.contains(fragment), "digest holds \(fragment)")
        }
        #expect(await service.stop() == 0)
    }
}
