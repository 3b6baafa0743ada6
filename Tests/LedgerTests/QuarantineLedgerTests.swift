import Foundation
import Testing
@testable import Ledger

/// Steps in flight and failed articles (issue 13's poison quarantine), on a real SQLite file.
@Suite struct QuarantineLedgerTests {
    let folder = NSTemporaryDirectory() + "digestd-quarantine-" + UUID().uuidString

    func open() throws -> Ledger {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try Ledger(path: folder + "/digestd.sqlite")
    }

    @Test func aStepCountsDeathsAcrossReopeningUntilTheLimit() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ledger = try open()
        #expect(try ledger.beginStep("article:/in/a.txt", fingerprint: "h1") == 0)
        // The process "dies": the database is opened again and the step begun again.
        ledger = try open()
        #expect(try ledger.stepsInFlight().map(\.step) == ["article:/in/a.txt"])
        #expect(try ledger.beginStep("article:/in/a.txt", fingerprint: "h1") == 1)
        ledger = try open()
        #expect(try ledger.beginStep("article:/in/a.txt", fingerprint: "h1") == 2)
        #expect(try ledger.beginStep("article:/in/a.txt", fingerprint: "h1") == 2) // stays at the limit
        // New content is new work.
        #expect(try ledger.beginStep("article:/in/a.txt", fingerprint: "h2") == 0)
        try ledger.endStep("article:/in/a.txt")
        #expect(try ledger.stepsInFlight().isEmpty)
        #expect(try ledger.beginStep("article:/in/a.txt", fingerprint: "h2") == 0)
    }

    /// A full disk makes the step's end fail to commit; the same process taking the article
    /// again (its back-off retry) is not a run that died, so nothing is quarantined for it.
    @Test func aStepWhoseEndWasNotWrittenIsNoDeathInTheSameProcess() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ledger = try open()
        #expect(try ledger.beginStep("article:/in/full.txt", fingerprint: "h") == 0)
        // endStep "fails": the row stays. Retries in the same process see no death.
        #expect(try ledger.beginStep("article:/in/full.txt", fingerprint: "h") == 0)
        #expect(try ledger.beginStep("article:/in/full.txt", fingerprint: "h") == 0)
        #expect(try ledger.stepsInFlight().map(\.attempts) == [1])
        // A new process finds the row: that run died in it once.
        ledger = try open()
        #expect(try ledger.beginStep("article:/in/full.txt", fingerprint: "h") == 1)
    }

    @Test func quarantinedSourceIsRememberedAndClearedByNewContent() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try open()
        _ = try ledger.beginStep("article:/in/p.txt", fingerprint: "bad")
        try ledger.quarantine(path: "/in/p.txt", sha256: "bad", size: 5, mtimeNanoseconds: 7, reason: "crashed_2_times",
                              failedAt: 1, step: "article:/in/p.txt")
        #expect(try ledger.failedArticles().map(\.reason) == ["crashed_2_times"])
        #expect(try ledger.isUnchanged(path: "/in/p.txt", size: 5, mtimeNanoseconds: 7))
        #expect(try ledger.stepsInFlight().isEmpty)
        let fixed = ArticleRecord(path: "/in/p.txt", sha256: "good", size: 6, arrivedAt: 1, utcOffset: 0, day: "2026-11-29",
                                  title: "T", sentences: ["One."], keywords: [], wordCount: 1, sentenceCount: 1, language: "english")
        #expect(try ledger.record(fixed, mtimeNanoseconds: 8) == .inserted(day: "2026-11-29"))
        #expect(try ledger.failedArticles().isEmpty)
    }

    @Test func aQuarantinedEntryLeavesItsDayAndMarksItDirty() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try open()
        let a = ArticleRecord(path: "/in/a.txt", sha256: "ha", size: 6, arrivedAt: 1, utcOffset: 0, day: "2026-11-29",
                              title: "A", sentences: ["One."], keywords: [], wordCount: 1, sentenceCount: 1, language: "english")
        var b = a
        b.path = "/in/b.txt"
        b.sha256 = "hb"
        _ = try ledger.record(a, mtimeNanoseconds: 1)
        _ = try ledger.record(b, mtimeNanoseconds: 1)
        for (day, generation) in try ledger.dirtyDays() { try ledger.markRendered(day: day, generation: generation) }
        try ledger.quarantine(b, reason: "render_crashed", failedAt: 2, step: "entry:/in/b.txt")
        #expect(try ledger.articles(day: "2026-11-29").map(\.path) == ["/in/a.txt"])
        #expect(try ledger.dirtyDays().map(\.day) == ["2026-11-29"])
        #expect(try ledger.failedArticles().map(\.path) == ["/in/b.txt"])
    }
}
