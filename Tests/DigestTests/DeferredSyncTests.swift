import Foundation
import Testing
@testable import Digest
import Ledger

/// A deferred write (``DigestWriter/writeDirtyDays(deferringSync:)``, as the service writes)
/// renames the same files into place as a synced one, keeps the days' marks until
/// ``DigestWriter/syncPending()``, does not write a day again for the generation it already
/// shows, and never clears a mark set again by a newer article.
@Suite struct DeferredSyncTests {
    static let formats: [DigestFormat] = [.markdown, .html, .json, .atom]

    @Test func deferredWritesKeepTheMarksUntilTheSyncAndWriteTheFilesOfASyncedWrite() throws {
        let deferred = try IncrementalWriteTests.Folder(), synced = try IncrementalWriteTests.Folder()
        defer { deferred.remove(); synced.remove() }
        let ledger = try Ledger(path: deferred.path + "/digestd.sqlite")
        let reference = try Ledger(path: synced.path + "/digestd.sqlite")
        let writer = DigestWriter(output: deferred.path + "/out", ledger: ledger, formats: Self.formats)
        let plain = DigestWriter(output: synced.path + "/out", ledger: reference, formats: Self.formats)
        let articles = IncrementalWriteTests.articles(12)
        for (n, article) in articles.enumerated() {
            _ = try ledger.record(article, mtimeNanoseconds: Int64(n))
            _ = try reference.record(article, mtimeNanoseconds: Int64(n))
            let written = try writer.writeDirtyDays(deferringSync: true)
            #expect(written.map(\.day) == ["2026-11-29"])
            try plain.writeDirtyDays()
            // In place and whole before any sync; the mark waits for the sync. (The feed's ids
            // name the digest folder, which differs.)
            let files = try IncrementalWriteTests.files(deferred.path + "/out").mapValues {
                Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: deferred.path, with: synced.path).utf8)
            }
            #expect(files == (try IncrementalWriteTests.files(synced.path + "/out")), "after \(n + 1) articles")
            #expect(try ledger.dirtyDays().map(\.day) == ["2026-11-29"])
            #expect(try reference.dirtyDays().isEmpty)
            #expect(writer.hasPendingSync)
            // Written at this generation already: not written again.
            #expect(try writer.daysToWrite().isEmpty)
            #expect(try writer.writeDirtyDays(deferringSync: true).isEmpty)
            if n % 4 == 3 {
                #expect(try writer.syncPending() == 1)
                #expect(try ledger.dirtyDays().isEmpty)
                #expect(!writer.hasPendingSync)
                #expect(try writer.syncPending() == 0)
            }
        }
    }

    @Test func aMarkSetAgainByANewerArticleOutlivesTheSyncOfTheOlderWrite() throws {
        let folder = try IncrementalWriteTests.Folder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.path + "/digestd.sqlite")
        let writer = DigestWriter(output: folder.path + "/out", ledger: ledger, formats: Self.formats)
        let articles = IncrementalWriteTests.articles(3)
        _ = try ledger.record(articles[0], mtimeNanoseconds: 0)
        try writer.writeDirtyDays(deferringSync: true)
        // A newer article arrives before the sync: the day is marked again, at a new generation.
        _ = try ledger.record(articles[1], mtimeNanoseconds: 1)
        #expect(try writer.daysToWrite().map(\.day) == ["2026-11-29"])
        #expect(try writer.syncPending() == 1)
        // The files show the first article only: the mark stays, and the next write shows both.
        #expect(try ledger.dirtyDays().map(\.day) == ["2026-11-29"])
        let markdown = try String(contentsOfFile: writer.path(day: "2026-11-29"), encoding: .utf8)
        #expect(markdown.contains("article-0.txt") && !markdown.contains("article-1.txt"))
        #expect(try writer.writeDirtyDays(deferringSync: true).map(\.entries) == [2])
        // A synced write also syncs what earlier deferred writes left.
        _ = try ledger.record(articles[2], mtimeNanoseconds: 2)
        try writer.writeDirtyDays()
        #expect(try ledger.dirtyDays().isEmpty)
        #expect(!writer.hasPendingSync)
    }

    @Test func anEmptyDigestFileCountsAsMissing() throws {
        let folder = try IncrementalWriteTests.Folder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.path + "/digestd.sqlite")
        let writer = DigestWriter(output: folder.path + "/out", ledger: ledger, formats: Self.formats)
        _ = try ledger.record(IncrementalWriteTests.articles(1)[0], mtimeNanoseconds: 0)
        try writer.writeDirtyDays()
        #expect(try writer.daysWithMissingFiles().isEmpty)
        // What a power loss after an unsynced rename can leave on some file systems.
        #expect(truncate(writer.path(day: "2026-11-29", format: .html), 0) == 0)
        #expect(try writer.daysWithMissingFiles() == ["2026-11-29"])
    }
}
