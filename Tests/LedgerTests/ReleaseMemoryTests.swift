import Foundation
import GRDB
import Testing
@testable import Ledger

/// An idle service's ``Ledger/releaseMemory()``: the decoded `sentences`/`keywords` texts kept
/// for re-reads are let go of, and the rows read afterwards are the same (real SQLite file).
@Suite struct LedgerReleaseMemoryTests {
    let folder = NSTemporaryDirectory() + "digestd-release-" + UUID().uuidString

    @Test func decodedTextsAreForgottenAndRowsReadTheSame() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: folder + "/digestd.sqlite")
        // Sentences no other test writes, so that the memo's entry is this test's alone.
        let marker = UUID().uuidString
        let record = ArticleRecord(path: "/in/a.txt", sha256: "h1", size: 10, arrivedAt: 1000, utcOffset: 0, day: "2026-11-29",
                                   title: "T", sentences: ["One \(marker).", "Two."], keywords: [marker], wordCount: 3,
                                   sentenceCount: 2, language: "english")
        _ = try ledger.record(record, mtimeNanoseconds: 1)
        let json = try #require(try ledger.read { db in try String.fetchOne(db, sql: "SELECT sentences FROM article") })
        let before = try ledger.articles(day: "2026-11-29")
        #expect(before.map(\.sentences) == [record.sentences])
        #expect(JSONArrayMemo.contains(json), "reading the rows kept the decoded text")
        ledger.releaseMemory()
        #expect(!JSONArrayMemo.contains(json))
        #expect(try ledger.articles(day: "2026-11-29").map(\.sentences) == before.map(\.sentences))
    }
}
