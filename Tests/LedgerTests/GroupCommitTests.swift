import Foundation
import GRDB
import Testing
@testable import Ledger

/// Group commit (issue 15, burst): a batch's steps begun in one transaction, its records and
/// step ends written in one, on a real SQLite file.
@Suite struct GroupCommitTests {
    let folder = NSTemporaryDirectory() + "digestd-group-" + UUID().uuidString

    func open() throws -> Ledger {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try Ledger(path: folder + "/digestd.sqlite")
    }

    func article(_ path: String, sha: String, at: Int64) -> ArticleRecord {
        ArticleRecord(path: path, sha256: sha, size: 10, arrivedAt: at, utcOffset: 0, day: "2026-11-29", title: path,
                      sentences: ["One."], keywords: ["k"], wordCount: 1, sentenceCount: 1, language: "english")
    }

    /// The batch gives the outcomes of recording one by one (a duplicate within the batch, a
    /// skipped item), keeps its order, and ends every step.
    @Test func aBatchRecordsInOrderAndEndsEveryStep() throws {
        let ledger = try open()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = ["/in/a.txt", "/in/b.txt", "/in/c.txt", "/in/d.txt"]
        #expect(try ledger.beginSteps(paths.map { ("article:" + $0, "h-" + $0) }) == [0, 0, 0, 0])
        #expect(try ledger.stepsInFlight().count == 4)
        let outcomes = try ledger.commit([
            ArticleCommit(article: article("/in/a.txt", sha: "h1", at: 1000), mtimeNanoseconds: 1, step: "article:/in/a.txt"),
            ArticleCommit(article: nil, mtimeNanoseconds: 1, step: "article:/in/b.txt"),
            ArticleCommit(article: article("/in/c.txt", sha: "h1", at: 1000), mtimeNanoseconds: 1, step: "article:/in/c.txt"),
            ArticleCommit(article: article("/in/d.txt", sha: "h2", at: 1000), mtimeNanoseconds: 1, step: "article:/in/d.txt"),
        ])
        #expect(outcomes == [.inserted(day: "2026-11-29"), nil, .duplicate(originalPath: "/in/a.txt"), .inserted(day: "2026-11-29")])
        #expect(try ledger.articles(day: "2026-11-29").map(\.path) == ["/in/a.txt", "/in/d.txt"])
        #expect(try ledger.stepsInFlight().isEmpty)
        #expect(try ledger.dayStates() == [DayState(day: "2026-11-29", revision: 2, articles: 2)])
    }

    /// A batch whose third record fails writes nothing: not the two before it, not one step's end.
    @Test func aBatchCommitsAllOrNone() throws {
        let ledger = try open()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A second connection to the same file refuses one path, as a full disk or a broken
        // index would fail a write in the middle of the batch.
        let other = try DatabaseQueue(path: folder + "/digestd.sqlite")
        try other.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse BEFORE INSERT ON article WHEN NEW.path = '/in/bad.txt'
                BEGIN SELECT RAISE(ABORT, 'refused'); END
                """)
        }
        let paths = ["/in/a.txt", "/in/b.txt", "/in/bad.txt", "/in/d.txt"]
        _ = try ledger.beginSteps(paths.map { ("article:" + $0, "h-" + $0) })
        let batch = paths.enumerated().map { i, path in
            ArticleCommit(article: article(path, sha: "h\(i)", at: 1000 + Int64(i)), mtimeNanoseconds: 1, step: "article:" + path)
        }
        #expect(throws: LedgerError.self) { try ledger.commit(batch) }
        #expect(try ledger.articles(day: "2026-11-29").isEmpty)
        #expect(try ledger.dirtyDays().isEmpty)
        #expect(try !ledger.isUnchanged(path: "/in/a.txt", size: 10, mtimeNanoseconds: 1))
        #expect(try ledger.stepsInFlight().map(\.step) == paths.map { "article:" + $0 }.sorted())
        // Without the refused one, the same batch is written whole.
        let outcomes = try ledger.commit(batch.filter { $0.step != "article:/in/bad.txt" })
        #expect(outcomes == Array(repeating: .inserted(day: "2026-11-29"), count: 3))
        #expect(try ledger.articles(day: "2026-11-29").map(\.path) == ["/in/a.txt", "/in/b.txt", "/in/d.txt"])
        #expect(try ledger.stepsInFlight().map(\.step) == ["article:/in/bad.txt"])
    }

    /// Steps begun together count deaths as steps begun alone: a step left by a run that died is
    /// one death, a step named twice in one batch is begun once, and one begun by this process
    /// (its end failed) is none.
    @Test func stepsBegunTogetherCountDeathsLikeStepsBegunAlone() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ledger = try open()
        #expect(try ledger.beginSteps([("article:/in/a.txt", "h1"), ("article:/in/b.txt", "h2")]) == [0, 0])
        // Still this process: b's end "failed", it is begun again with a new step c.
        #expect(try ledger.beginSteps([("article:/in/b.txt", "h2"), ("article:/in/c.txt", "h3"), ("article:/in/c.txt", "h3")]) == [0, 0, 0])
        // The process "dies": a, b and c are left; a new run begins them again.
        ledger = try open()
        #expect(try ledger.beginSteps([("article:/in/a.txt", "h1"), ("article:/in/b.txt", "other"), ("article:/in/c.txt", "h3")]) == [1, 0, 1])
        ledger = try open()
        #expect(try ledger.beginSteps([("article:/in/a.txt", "h1"), ("article:/in/c.txt", "h3")]) == [2, 2])
    }
}
