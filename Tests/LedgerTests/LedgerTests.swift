import Foundation
import Testing
@testable import Ledger

/// A real SQLite file in a temporary folder.
@Suite struct LedgerTests {
    let folder = NSTemporaryDirectory() + "digestd-ledger-" + UUID().uuidString

    func open() throws -> Ledger {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try Ledger(path: folder + "/digestd.sqlite")
    }

    func article(_ path: String, sha: String, day: String = "2026-11-29", at: Int64 = 1000, title: String = "T") -> ArticleRecord {
        ArticleRecord(path: path, sha256: sha, size: 10, arrivedAt: at, utcOffset: 0, day: day, title: title,
                      sentences: ["One.", "Two."], keywords: ["k"], wordCount: 2, sentenceCount: 2, language: "english")
    }

    @Test func insertThenSameContentIsUnchanged() throws {
        let ledger = try open()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try ledger.record(article("/in/a.txt", sha: "h1"), mtimeNanoseconds: 1) == .inserted(day: "2026-11-29"))
        #expect(try ledger.record(article("/in/a.txt", sha: "h1"), mtimeNanoseconds: 2) == .unchanged)
        #expect(try ledger.articles(day: "2026-11-29").count == 1)
    }

    @Test func newContentReplacesInTheFirstDay() throws {
        let ledger = try open()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try ledger.record(article("/in/a.txt", sha: "h1", day: "2026-11-28", title: "Old"), mtimeNanoseconds: 1)
        #expect(try ledger.record(article("/in/a.txt", sha: "h2", day: "2026-11-29", title: "New"), mtimeNanoseconds: 2) == .replaced(day: "2026-11-28"))
        let rows = try ledger.articles(day: "2026-11-28")
        #expect(rows.map(\.title) == ["New"])
        #expect(try ledger.articles(day: "2026-11-29").isEmpty)
    }

    @Test func sameBytesUnderTwoNamesAppearOnce() throws {
        let ledger = try open()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try ledger.record(article("/in/a.txt", sha: "h1"), mtimeNanoseconds: 1)
        #expect(try ledger.record(article("/in/b.txt", sha: "h1"), mtimeNanoseconds: 1) == .duplicate(originalPath: "/in/a.txt"))
        #expect(try ledger.articles(day: "2026-11-29").count == 1)
        #expect(try ledger.isUnchanged(path: "/in/b.txt", size: 10, mtimeNanoseconds: 1))
    }

    @Test func arrivalOrderAndDirtyMarks() throws {
        let ledger = try open()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try ledger.record(article("/in/late.txt", sha: "h2", at: 2000), mtimeNanoseconds: 1)
        _ = try ledger.record(article("/in/early.txt", sha: "h1", at: 1000), mtimeNanoseconds: 1)
        #expect(try ledger.articles(day: "2026-11-29").map(\.path) == ["/in/early.txt", "/in/late.txt"])
        let dirty = try ledger.dirtyDays()
        #expect(dirty.map(\.day) == ["2026-11-29"])
        // A change after the read keeps the mark.
        _ = try ledger.record(article("/in/third.txt", sha: "h3", at: 3000), mtimeNanoseconds: 1)
        try ledger.markRendered(day: "2026-11-29", generation: dirty[0].generation)
        #expect(try ledger.dirtyDays().map(\.day) == ["2026-11-29"])
        try ledger.markRendered(day: "2026-11-29", generation: try ledger.dirtyDays()[0].generation)
        #expect(try ledger.dirtyDays().isEmpty)
    }

    @Test func survivesReopening() throws {
        do {
            let ledger = try open()
            _ = try ledger.record(article("/in/a.txt", sha: "h1"), mtimeNanoseconds: 7)
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let again = try Ledger(path: folder + "/digestd.sqlite")
        #expect(try again.isUnchanged(path: "/in/a.txt", size: 10, mtimeNanoseconds: 7))
        #expect(try again.articles(day: "2026-11-29").first?.sentences == ["One.", "Two."])
    }
}
