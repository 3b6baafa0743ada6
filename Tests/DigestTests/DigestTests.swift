import Foundation
import Testing
@testable import Digest
import Ledger

@Suite struct MarkdownDigestTests {
    func article(_ title: String, _ sentences: [String], path: String = "/in/a.txt") -> ArticleRecord {
        ArticleRecord(path: path, sha256: "h", size: 10, arrivedAt: 1_764_424_800_000, utcOffset: 3600, day: "2026-11-29",
                      title: title, sentences: sentences, keywords: ["harbour", "ferry"], wordCount: 460,
                      sentenceCount: 9, language: "english")
    }

    @Test func rendersHeadingEntriesAndMetaLine() {
        let text = MarkdownDigest.render(day: "2026-11-29", articles: [article("Harbour reopens", ["The harbour reopened.", "Ferries run."])])
        #expect(text.hasPrefix("# Digest for Sunday, 29 November 2026\n\n1 article.\n\n## Harbour reopens\n\nThe harbour reopened.\nFerries run.\n\n"))
        #expect(text.contains("*Source: `a.txt` · 460 words · 2 min read · 15:00 +01:00 · keywords: harbour, ferry*\n"))
    }

    @Test func markupInArticleTextIsEscapedAndParsesBack() throws {
        let hostile = ["<script>alert(1)</script> is *not* [a link](javascript:x).", "# not a heading", "1. not a list"]
        let text = MarkdownDigest.render(day: "2026-11-29", articles: [article("A `title` with <b>", hostile, path: "/in/we`ird.txt")])
        #expect(!text.contains("<script>"))
        #expect(!text.contains("\n# not"))
        #expect(!text.contains("\n1. not"))
        let entries = try #require(MarkdownDigest.parse(text))
        #expect(entries == [.init(title: "A `title` with <b>", sentences: hostile, source: "we`ird.txt")])
    }

    @Test func truncatedFileDoesNotParse() {
        let text = MarkdownDigest.render(day: "2026-11-29", articles: [article("T", ["One."])])
        #expect(MarkdownDigest.parse(String(text.dropLast(5))) == nil)
    }

    @Test(arguments: [("2026-11-29", "Sunday, 29 November 2026"), ("2024-02-29", "Thursday, 29 February 2024"), ("2000-01-01", "Saturday, 1 January 2000")])
    func longDates(day: String, expected: String) {
        #expect(MarkdownDigest.longDate(day) == expected)
    }
}

@Suite struct DayCalendarTests {
    @Test func dayDependsOnlyOnTheConfiguredZone() throws {
        let instant = Date(timeIntervalSince1970: 1_767_225_599) // 2025-12-31T23:59:59Z
        #expect(DayCalendar(identifier: "UTC")?.day(of: instant) == "2025-12-31")
        #expect(DayCalendar(identifier: "Asia/Kolkata")?.day(of: instant) == "2026-01-01")
        #expect(DayCalendar(identifier: "Pacific/Pago_Pago")?.day(of: instant) == "2025-12-31")
        #expect(DayCalendar(identifier: "Not/AZone") == nil)
    }

    @Test func lastTenthOfASecondBelongsToThatDay() {
        let instant = Date(timeIntervalSince1970: 1_767_225_599.9)
        #expect(DayCalendar(identifier: "UTC")?.day(of: instant) == "2025-12-31")
    }
}

@Suite struct AtomicFileTests {
    @Test func replacesAndLeavesNoTemporary() throws {
        let folder = NSTemporaryDirectory() + "digestd-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.write(Array("one\n".utf8), to: folder + "/d.md")
        try AtomicFile.write(Array("two\n".utf8), to: folder + "/d.md")
        #expect(try String(contentsOfFile: folder + "/d.md", encoding: .utf8) == "two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["d.md"])
    }

    /// A replacement swaps the names (`RENAME_EXCHANGE`) and unlinks the old file: a reader that
    /// opened the old file keeps reading all of it, a new open sees the new file whole, and no
    /// name but the target's is left, through many replacements. A streamed write gives the
    /// bytes it was handed.
    @Test func replacementKeepsOpenReadersWholeAndLeavesOneName() throws {
        let folder = NSTemporaryDirectory() + "digestd-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/d.html"
        var previous: (fd: Int32, text: String)?
        for n in 0..<40 {
            // Pieces of a few kilobytes (several fill the buffer), now and then one larger than it.
            let pieces = (0..<(1 + n * 7)).map { k in String(repeating: "version \(n).\(k) ", count: 1 + (k * 37) % 400) }
            try AtomicFile.write(to: path, syncFolder: false, durable: n % 10 == 0) { out in
                for piece in pieces {
                    out.write(piece)
                    out.write(piece.prefix(3))
                }
                if n % 3 == 0 { out.write(String(repeating: "z", count: FileOutput.capacity)) }
            }
            var expected = ""
            for piece in pieces { expected += piece + piece.prefix(3) }
            if n % 3 == 0 { expected += String(repeating: "z", count: FileOutput.capacity) }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == expected, "version \(n)")
            if let previous {
                // The replaced file, opened before, reads whole: it was unlinked, not truncated.
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let got = read(previous.fd, &buffer, buffer.count)
                    guard got > 0 else { break }
                    bytes += buffer[..<got]
                }
                close(previous.fd)
                #expect(String(decoding: bytes, as: UTF8.self) == previous.text)
            }
            previous = (open(path, O_RDONLY), expected)
        }
        if let previous { close(previous.fd) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["d.html"])
    }

    /// A piece larger than half the buffer but small enough to fit beside what the buffer holds
    /// still comes after it: the buffer is written first (a 1,500-article day's top story, about
    /// 140 KB, was written before the page's head, so the `.md` began with the story).
    @Test func aLargePieceComesAfterWhatTheBufferHolds() throws {
        let folder = NSTemporaryDirectory() + "digestd-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/d.md"
        let large = String(repeating: "s", count: FileOutput.capacity / 2 + 1)
        try AtomicFile.write(to: path, syncFolder: false, durable: false) { out in
            out.write("# head\n")
            out.write(large)
            out.write("tail\n")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# head\n" + large + "tail\n")
    }

    /// A producer that throws leaves the old file and no temporary.
    @Test func aFailingProducerKeepsTheOldFile() throws {
        struct Stop: Error {}
        let folder = NSTemporaryDirectory() + "digestd-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.write(Array("old\n".utf8), to: folder + "/d.md")
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: folder + "/d.md") { out in out.write("half"); throw Stop() }
        }
        #expect(try String(contentsOfFile: folder + "/d.md", encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["d.md"])
    }

    @Test func failureNamesPathAndErrnoAndKeepsOldFile() throws {
        #expect(throws: AtomicWriteError(path: "/nonexistent/d.md", call: "open", errno: ENOENT)) {
            try AtomicFile.write([1], to: "/nonexistent/d.md")
        }
    }

    @Test func strayTemporariesAreRemoved() throws {
        let folder = NSTemporaryDirectory() + "digestd-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A pid above pid_max (2^22) never runs: a stray of a dead process.
        FileManager.default.createFile(atPath: folder + "/" + AtomicFile.temporaryName(for: "2026-11-29.md", pid: 99_999_999), contents: Data())
        // A write in progress in a live process (this one stands for a concurrent `digest --rebuild`).
        let live = AtomicFile.temporaryName(for: "2026-11-29.html", pid: getpid())
        FileManager.default.createFile(atPath: folder + "/" + live, contents: Data())
        FileManager.default.createFile(atPath: folder + "/2026-11-29.md", contents: Data())
        #expect(AtomicFile.removeStrayTemporaries(in: folder) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [live, "2026-11-29.md"].sorted())
    }

    @Test func temporaryNamesAreUniqueAndNeverFollowALink() throws {
        let folder = NSTemporaryDirectory() + "digestd-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = Set((0..<100).map { _ in AtomicFile.temporaryName(for: "d.md", pid: 7) })
        #expect(names.count == 100)
        #expect(names.allSatisfy { AtomicFile.owner(ofTemporary: $0) == 7 })
        #expect(AtomicFile.owner(ofTemporary: "2026-11-29.md") == nil)
        // The target a link points to is never written through: the write replaces the link itself.
        let victim = folder + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: folder + "/d.md", withDestinationPath: victim)
        try AtomicFile.write(Array("new".utf8), to: folder + "/d.md")
        #expect(FileManager.default.contents(atPath: victim) == Data("keep".utf8))
        #expect(FileManager.default.contents(atPath: folder + "/d.md") == Data("new".utf8))
    }
}
