import Foundation
import Testing
@testable import Digest
import Ledger

/// An idle service drops its digest writer's memos (``DigestWriter/releaseMemory()``): nothing
/// that grows with the day stays, and the files written afterwards are the same.
@Suite struct ReleaseMemoryTests {
    @Test(.enabled(if: EvalArticles.available))
    func releasedMemosAreEmptyAndTheNextWritesAreUnchanged() throws {
        let folder = NSTemporaryDirectory() + "digestd-release-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: folder + "/digestd.sqlite")
        let formats: [DigestFormat] = [.markdown, .html, .json, .atom]
        let writer = DigestWriter(output: folder + "/out", ledger: ledger, formats: formats)
        let articles = WriteMemoTests.articles()
        #expect(articles.count >= 4)
        for (n, article) in articles.enumerated() {
            var record = article
            let hex = String(n + 1, radix: 16)
            record.sha256 = String(repeating: "0", count: 64 - hex.count) + hex
            _ = try ledger.record(record, mtimeNanoseconds: Int64(n))
            try writer.writeDirtyDays()
            if n == articles.count / 2 {
                #expect(writer.memoEntries > 0, "a write keeps memos")
                writer.releaseMemory()
                #expect(writer.memoEntries == 0, "released after \(n + 1) articles")
            }
            let fresh = DigestWriter(output: folder + "/out", ledger: ledger, formats: formats)
            for format in formats {
                #expect(try writer.render(day: "2026-11-29", format: format) == fresh.render(day: "2026-11-29", format: format),
                        "\(format) after \(n + 1) articles")
            }
        }
        writer.releaseMemory()
        #expect(writer.memoEntries == 0)
        // The files on disk are what a fresh writer renders from the ledger.
        let fresh = DigestWriter(output: folder + "/out", ledger: ledger, formats: formats)
        for format in formats where format != .atom {
            let written = try String(contentsOfFile: fresh.path(day: "2026-11-29", format: format), encoding: .utf8)
            #expect(written == (try fresh.render(day: "2026-11-29", format: format)), "\(format) file")
        }
    }
}
