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

/// Content moving between names never loses a story (found by trying to break the service).
@Suite struct LedgerContentMovesTests {
    let folder = NSTemporaryDirectory() + "digestd-ledger-moves-" + UUID().uuidString

    func article(_ path: String, sha: String, title: String) -> ArticleRecord {
        ArticleRecord(path: path, sha256: sha, size: 10, arrivedAt: 1000, utcOffset: 0, day: "2026-11-29", title: title,
                      sentences: ["\(title) happened."], keywords: [], wordCount: 2, sentenceCount: 1, language: "english")
    }

    @Test func aDuplicateInheritsTheEntryWhenTheOriginalChanges() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: folder + "/digestd.sqlite")
        _ = try ledger.record(article("/in/a.txt", sha: "A", title: "Story A"), mtimeNanoseconds: 1)
        #expect(try ledger.record(article("/in/b.txt", sha: "A", title: "Story A"), mtimeNanoseconds: 1) == .duplicate(originalPath: "/in/a.txt"))
        #expect(try ledger.record(article("/in/a.txt", sha: "B", title: "Story B"), mtimeNanoseconds: 2) == .replaced(day: "2026-11-29"))
        let rows = try ledger.articles(day: "2026-11-29").map { "\($0.path)=\($0.title)" }.sorted()
        #expect(rows == ["/in/a.txt=Story B", "/in/b.txt=Story A"])
    }

    @Test func swappedContentsListEachStoryOnceUnderItsCurrentName() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: folder + "/digestd.sqlite")
        _ = try ledger.record(article("/in/a.txt", sha: "X", title: "Story X"), mtimeNanoseconds: 1)
        _ = try ledger.record(article("/in/b.txt", sha: "Y", title: "Story Y"), mtimeNanoseconds: 1)
        // a.txt now holds Y: its old entry goes (Y is listed under b.txt) …
        _ = try ledger.record(article("/in/a.txt", sha: "Y", title: "Story Y"), mtimeNanoseconds: 2)
        // … then b.txt holds X: b's entry becomes X, and Y passes to a.txt, which holds it.
        _ = try ledger.record(article("/in/b.txt", sha: "X", title: "Story X"), mtimeNanoseconds: 2)
        let rows = try ledger.articles(day: "2026-11-29").map { "\($0.path)=\($0.title)" }.sorted()
        #expect(rows == ["/in/a.txt=Story Y", "/in/b.txt=Story X"])
    }
}

/// The `briefing` table: a sent day is remembered across openings.
@Suite struct BriefingLedgerTests {
    @Test func aSentDayIsRecordedOnce() throws {
        let folder = NSTemporaryDirectory() + "digestd-briefing-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/digestd.sqlite"
        do {
            let ledger = try Ledger(path: path)
            #expect(try ledger.briefing(day: "2026-11-29") == nil)
            try ledger.recordBriefing(BriefingRecord(day: "2026-11-29", sentAt: 1, messageID: "a@h", recipients: "ann@example.org"))
            try ledger.recordBriefing(BriefingRecord(day: "2026-11-29", sentAt: 2, messageID: "b@h", recipients: "ann@example.org"))
        }
        let reopened = try Ledger(path: path)
        #expect(try reopened.briefing(day: "2026-11-29") == BriefingRecord(day: "2026-11-29", sentAt: 2, messageID: "b@h", recipients: "ann@example.org"))
        #expect(try reopened.briefing(day: "2026-11-30") == nil)
    }
}

/// Reading commands open the ledger read-only (a member of group digestd may not write it).
@Suite struct ReadOnlyLedgerTests {
    @Test func readOnlyOpenReadsWhatWasWritten() throws {
        let folder = NSTemporaryDirectory() + "digestd ro-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/digestd.sqlite"
        do {
            let ledger = try Ledger(path: path)
            _ = try ledger.record(ArticleRecord(path: "/in/a.txt", sha256: "h", size: 1, arrivedAt: 0, utcOffset: 0, day: "2026-11-29",
                                                title: "T", sentences: ["One."], keywords: [], wordCount: 1, sentenceCount: 1,
                                                language: "english"), mtimeNanoseconds: 1)
        }
        let reader = try Ledger(readingOnly: path)
        #expect(try reader.articles(day: "2026-11-29").map(\.title) == ["T"])
        #expect(throws: LedgerError.self) { try reader.markDirty(day: "2026-11-29") }
        #expect(Ledger.uriEscaped("/var/lib/a b%?#.sqlite") == "/var/lib/a b%25%3F%23.sqlite")
    }
}
