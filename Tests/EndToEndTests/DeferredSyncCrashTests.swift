import Foundation
import Ledger
import Testing

/// Durability rules 3 and 4 with the deferred sync: the service renames a write's files into
/// place first and makes them durable later (`DigestWriter.syncPending`, off the work loop), and
/// clears the day's dirty mark only after that. A service killed between the rename and the sync
/// leaves the day marked, and the next start writes it again, even when the files it left are
/// empty (what a power loss after an unsynced rename can leave on some file systems).
///
/// The death is a real SIGKILL of the real binary, delivered by gdb the moment the process enters
/// `AtomicFile.syncData` for the first time: after every file of the write was renamed, before
/// any of them was synced or any mark cleared.
@Suite(.serialized) struct DeferredSyncCrashTests {
    static func dirtyDays(_ ws: Workspace) throws -> [String] {
        try Ledger(readingOnly: ws.state + "/digestd.sqlite").dirtyDays().map(\.day)
    }

    @Test(.enabled(if: KillAtFunction.gdb != nil, "needs gdb to kill the service at a chosen function (scripts/install-deps --test installs it)"))
    func aKillBetweenTheRenameAndTheSyncLeavesTheDayMarkedAndTheRestartWritesIt() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\", \"html\", \"atom\"]\ntimezone = \"UTC\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let markdown = ws.digests + "/" + HarbourArticles.day + ".md", html = ws.digests + "/" + HarbourArticles.day + ".html"

        // One article, written and synced by a run that stops cleanly: nothing left marked.
        try HarbourArticles.write(ws, 0)
        let first = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await first.waitUntilReady())
        #expect(await ws.waitForEntries(timeout: .seconds(30)) { $0.count == 1 }.count == 1)
        #expect(await first.stop() == 0)
        #expect(try Self.dirtyDays(ws) == [])

        // A second article; the run that writes it dies entering the sync of its files.
        try HarbourArticles.write(ws, 1)
        let syncData = try #require(try KillAtFunction.symbol(containing: ["$s6Digest", "10AtomicFile", "8syncData"]),
                                    "no AtomicFile.syncData in \(Repo.binary)")
        let log = ws.root + "/killed-run.log"
        let (killed, transcript) = try await KillAtFunction.run(ws, symbol: syncData, hit: 1, logPath: log, arguments: ["--config", config])
        try #require(killed, "the run was not killed in the sync:\n\(transcript)")
        // The files were renamed into place first: readers already see both articles, whole.
        #expect(ws.entries().map(\.source).sorted() == ["a-ferry.txt", "b-berths.txt"])
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("b-berths.txt"))
        // The mark was not cleared: the files were never made durable.
        #expect(try Self.dirtyDays(ws) == [HarbourArticles.day])

        // What a power loss at that point may leave: the renamed files empty.
        #expect(truncate(markdown, 0) == 0)
        #expect(truncate(html, 0) == 0)

        // The next start writes the marked day again, syncs it and clears the mark.
        let second = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await second.waitUntilReady())
        let entries = await ws.waitForEntries(timeout: .seconds(30)) { $0.count == 2 }
        #expect(entries.map(\.source).sorted() == ["a-ferry.txt", "b-berths.txt"])
        let cleared = await eventually(timeout: .seconds(10)) { (try? Self.dirtyDays(ws)) == [] }
        #expect(cleared, "the day's mark was not cleared after the rewrite")
        #expect(await second.stop() == 0)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("b-berths.txt"))

        // Byte for byte what a rebuild from the ledger alone writes.
        let names = [HarbourArticles.day + ".md", HarbourArticles.day + ".html", "feed.atom"]
        let before = names.map { FileManager.default.contents(atPath: ws.digests + "/" + $0) }
        for name in names { try FileManager.default.removeItem(atPath: ws.digests + "/" + name) }
        let rebuild = try runDigestd(["digest", HarbourArticles.day, "--rebuild", "--config", config, "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state])
        #expect(rebuild.status == 0, "\(rebuild.err)")
        #expect(names.map { FileManager.default.contents(atPath: ws.digests + "/" + $0) } == before)
    }
}
