import Foundation
import GRDB
import Testing
@testable import Ledger

/// Day revisions: every change of a day's articles raises its revision in the same transaction,
/// and the rows changed since a revision are exactly those inserted or given new content.
@Suite struct DayRevisionTests {
    let folder = NSTemporaryDirectory() + "digestd-revision-" + UUID().uuidString

    func open() throws -> Ledger {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try Ledger(path: folder + "/digestd.sqlite")
    }

    func article(_ path: String, sha: String, day: String = "2026-11-29", at: Int64 = 1000, title: String = "T") -> ArticleRecord {
        ArticleRecord(path: path, sha256: sha, size: 10, arrivedAt: at, utcOffset: 0, day: day, title: title,
                      sentences: ["One."], keywords: [], wordCount: 1, sentenceCount: 1, language: "english")
    }

    @Test func changesSinceARevisionAreTheRowsInsertedOrChangedAfterIt() throws {
        let ledger = try open()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try ledger.changes(day: "2026-11-29", since: nil).state == DayState(day: "2026-11-29", revision: 0, articles: 0))
        _ = try ledger.record(article("/in/a.txt", sha: "h1", at: 1), mtimeNanoseconds: 1)
        _ = try ledger.record(article("/in/b.txt", sha: "h2", at: 2), mtimeNanoseconds: 1)
        _ = try ledger.record(article("/in/c.txt", sha: "h3", day: "2026-11-28"), mtimeNanoseconds: 1)
        let first = try ledger.changes(day: "2026-11-29", since: nil)
        #expect(first.state == DayState(day: "2026-11-29", revision: 2, articles: 2))
        #expect(first.changed.map(\.record.path) == ["/in/a.txt", "/in/b.txt"])
        #expect(first.changed.map(\.revision) == [1, 2])
        #expect(try ledger.changes(day: "2026-11-29", since: 2).changed.isEmpty)

        // Same bytes again: nothing changes, not even the revision.
        _ = try ledger.record(article("/in/a.txt", sha: "h1", at: 1), mtimeNanoseconds: 2)
        #expect(try ledger.changes(day: "2026-11-29", since: 2).state.revision == 2)
        // New content for a: only a is listed, with the new revision.
        _ = try ledger.record(article("/in/a.txt", sha: "h9", at: 5, title: "New"), mtimeNanoseconds: 3)
        let second = try ledger.changes(day: "2026-11-29", since: 2)
        #expect(second.state == DayState(day: "2026-11-29", revision: 3, articles: 2))
        #expect(second.changed.map(\.record.title) == ["New"])
        #expect(second.changed.map(\.revision) == [3])
        // b now holds c's bytes: its row goes; the count says so, the revision grows.
        _ = try ledger.record(article("/in/b.txt", sha: "h3", at: 2), mtimeNanoseconds: 4)
        let third = try ledger.changes(day: "2026-11-29", since: 3)
        #expect(third.state == DayState(day: "2026-11-29", revision: 4, articles: 1))
        #expect(third.changed.isEmpty)
        #expect(try ledger.dayStates() == [DayState(day: "2026-11-28", revision: 1, articles: 1),
                                           DayState(day: "2026-11-29", revision: 4, articles: 1)])
    }

    /// The day's count is moved by each insert (not counted again at each one): after group
    /// commits, replacements, duplicates, an inherited entry and a quarantine it is still the
    /// number of rows, and the rows read back are the ones written (the insert statement writes
    /// the array columns as GRDB's encoding did).
    @Test func theDaysCountFollowsEveryKindOfChange() throws {
        let ledger = try open()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func counted() throws -> [DayState] {
            let rows = try DatabaseQueue(path: folder + "/digestd.sqlite").read { db in
                try Row.fetchAll(db, sql: "SELECT day, count(*) AS n FROM article GROUP BY day ORDER BY day")
            }
            return rows.map { DayState(day: $0["day"], revision: 0, articles: $0["n"]) }
        }
        func states() throws -> [DayState] {
            try ledger.dayStates().map { DayState(day: $0.day, revision: 0, articles: $0.articles) }
        }
        let batch = (0..<40).map { i in
            ArticleCommit(article: article("/in/\(i).txt", sha: "s\(i)", day: i % 3 == 0 ? "2026-11-28" : "2026-11-29", at: Int64(i)),
                          mtimeNanoseconds: 1, step: "article:/in/\(i).txt")
        }
        _ = try ledger.beginSteps(batch.map { ($0.step, "x") })
        _ = try ledger.commit(batch)
        #expect(try states() == counted())
        #expect(try states().map(\.articles) == [14, 26])
        // Replaced content, a duplicate of another row, an heir taking over old bytes.
        _ = try ledger.record(article("/in/1.txt", sha: "new1", at: 1), mtimeNanoseconds: 2)
        _ = try ledger.record(article("/in/2.txt", sha: "s4", at: 2), mtimeNanoseconds: 2)
        _ = try ledger.record(article("/in/copy5.txt", sha: "s5", at: 50), mtimeNanoseconds: 2)
        _ = try ledger.record(article("/in/5.txt", sha: "new5", at: 5), mtimeNanoseconds: 3)
        #expect(try states() == counted())
        let quarantined = try #require(try ledger.articles(day: "2026-11-29").first)
        try ledger.quarantine(quarantined, reason: "render_failed", failedAt: 1, step: "entry:x")
        #expect(try states() == counted())
        let row = try #require(try ledger.articles(day: "2026-11-29").first { $0.path == "/in/7.txt" })
        #expect(row.sentences == ["One."] && row.keywords == [] && row.sha256 == "s7" && row.arrivedAt == 7)
        let special = article("/in/q.txt", sha: "q", at: 60)
        var quoted = special
        quoted.sentences = ["She said \"no\" / then left.", "Ünïcödé — 12:30."]
        quoted.keywords = ["a/b", "\\"]
        _ = try ledger.record(quoted, mtimeNanoseconds: 1)
        let back = try #require(try ledger.articles(day: "2026-11-29").first { $0.path == "/in/q.txt" })
        #expect(back.sentences == quoted.sentences && back.keywords == quoted.keywords)
    }

    @Test func aDatabaseFromBeforeRevisionsStartsAtZeroWithItsCounts() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/digestd.sqlite"
        // Migrate up to the briefing table only, then record two rows the old way.
        do {
            let queue = try DatabaseQueue(path: path)
            try Ledger.migrator.migrate(queue, upTo: "i16-briefing")
            try queue.write { db in
                for (n, day) in ["2026-11-28", "2026-11-29", "2026-11-29"].enumerated() {
                    var row = article("/in/\(n).txt", sha: "h\(n)", day: day, at: Int64(n))
                    try row.insert(db)
                }
            }
        }
        let ledger = try Ledger(path: path)
        #expect(try ledger.dayStates() == [DayState(day: "2026-11-28", revision: 0, articles: 1),
                                           DayState(day: "2026-11-29", revision: 0, articles: 2)])
        #expect(try ledger.changes(day: "2026-11-29", since: nil).changed.map(\.revision) == [0, 0])
        _ = try ledger.record(article("/in/new.txt", sha: "hn", at: 9), mtimeNanoseconds: 1)
        #expect(try ledger.changes(day: "2026-11-29", since: 0).changed.map(\.record.path) == ["/in/new.txt"])
    }
}
