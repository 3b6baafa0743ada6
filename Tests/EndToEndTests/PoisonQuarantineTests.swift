import Foundation
import Journal
import Ledger
import Testing

/// Issue 13, poison quarantine: an article the service dies on twice is skipped at the third
/// start, said so once with its own MESSAGE_ID, and everything else is digested.
@Suite(.serialized) struct PoisonQuarantineTests {
    /// A large article (about 8 MB of varied sentences, under the 10 MB limit), so that it is in
    /// hand for a while (seconds in a debug build).
    static func largeArticle() -> Data {
        var text = "The long report on harbour berths\n\n"
        let subjects = ["The harbour office", "The ferry company", "A skipper", "The council", "The pilot service", "Fishermen"]
        let verbs = ["published", "discussed", "questioned", "approved", "delayed", "reviewed"]
        let objects = ["berth allocations", "the winter timetable", "the new crane", "mooring fees", "the dredging plan", "safety rules"]
        var i = 0
        while text.utf8.count < 8_000_000 {
            text += "\(subjects[i % 6]) \(verbs[(i / 6) % 6]) \(objects[(i / 36) % 6]) in meeting \(i) of the season. "
            if i % 7 == 6 { text += "\n\n" }
            i += 1
        }
        return Data(text.utf8)
    }

    static func smallArticle(_ n: Int) -> Data {
        Data("Notice \(n) about the ferry\n\nThe ferry company announced timetable change \(n) for the winter. Passengers should check departure \(n) online. Tickets bought earlier stay valid.\n".utf8)
    }

    /// Starts the service and SIGKILLs it as soon as it logs that it is taking `path`. The kill
    /// comes from a shell loop beside the test, so that a busy test process cannot delay it.
    /// Returns the service once it died, or nil if it never took the article.
    static func startAndKillWhileTaking(_ ws: Workspace, path: String) async throws -> ServiceProcess? {
        let service = try ServiceProcess(ws)
        let killer = Process()
        killer.executableURL = URL(fileURLWithPath: "/bin/sh")
        killer.arguments = ["-c", "for i in $(seq 1 12000); do grep -qF \"$1\" \"$2\" && exec kill -KILL \"$3\"; sleep 0.005; done; exit 1",
                            "killer", "taking \(path)", service.logPath, "\(service.process.processIdentifier)"]
        try killer.run()
        while killer.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        guard killer.terminationStatus == 0 else { return nil }
        _ = await service.waitForExit(timeout: .seconds(20))
        return service
    }

    @Test func articleTheServiceDiesOnTwiceIsSkippedAtTheThirdStart() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let fm = FileManager.default
        let big = ws.inbox + "/big-report.txt"
        fm.createFile(atPath: ws.inbox + "/a-notice.txt", contents: Self.smallArticle(1))
        fm.createFile(atPath: big, contents: Self.largeArticle())
        fm.createFile(atPath: ws.inbox + "/c-notice.txt", contents: Self.smallArticle(3))
        // Older than the start-up scan's settling window, so all are taken at once.
        for name in try fm.contentsOfDirectory(atPath: ws.inbox) {
            try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: ws.inbox + "/" + name)
        }

        for run in 1...2 {
            let service = try #require(try await Self.startAndKillWhileTaking(ws, path: big), "run \(run) never took the article")
            #expect(service.process.terminationReason == .uncaughtSignal && service.process.terminationStatus == SIGKILL)
            #expect(!service.log.contains("summarized big-report.txt"), "run \(run) finished the article before the kill")
            if run == 2 { #expect(service.log.contains("trying once more")) }
        }

        let third = try ServiceProcess(ws)
        #expect(await third.waitUntilReady())
        let entries = await ws.waitForEntries(timeout: .seconds(30)) { $0.count == 2 }
        #expect(entries.map(\.source).sorted() == ["a-notice.txt", "c-notice.txt"])
        try await Task.sleep(for: .milliseconds(500))
        let log = third.log
        let said = logLines(log).filter { $0.fields["MESSAGE_ID"] == MessageID.articleQuarantined.rawValue }
        #expect(said.count == 1, "\(said.map(\.text))")
        #expect(said.first?.level == "error")
        #expect(said.first?.fields["DIGESTD_ARTICLE"] == big)
        #expect(!log.contains("taking \(big)"))
        // A new article is still taken after the quarantine.
        fm.createFile(atPath: ws.inbox + "/d-notice.txt", contents: Self.smallArticle(4))
        #expect(await ws.waitForEntries { $0.count == 3 }.count == 3)
        #expect(await third.stop() == 0)

        // Recorded as failed with its reason; a fourth start says nothing more about it.
        let ledger = try Ledger(path: ws.state + "/digestd.sqlite")
        #expect(try ledger.failedArticles().map(\.path) == [big])
        #expect(try ledger.failedArticles().first?.reason == "crashed_2_times")
        #expect(try ledger.stepsInFlight().isEmpty)
        let fourth = try ServiceProcess(ws)
        #expect(await fourth.waitUntilReady())
        try await Task.sleep(for: .seconds(1))
        #expect(!fourth.log.contains(MessageID.articleQuarantined.rawValue))
        #expect(await fourth.stop() == 0)
    }
}
