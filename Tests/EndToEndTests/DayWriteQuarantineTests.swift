import Foundation
import Journal
import Ledger
import Testing

/// Issue 13, poison quarantine of day writes: a day whose write killed the service twice is
/// written entry by entry; the entry that kills it (twice again, alone) is left out of the day and
/// reported once with its MESSAGE_ID and in STATUS=, and every other entry is in every format.
///
/// The deaths are real SIGKILLs of the real binary, delivered by gdb the moment the process enters
/// the day write (`DigestWriter.writeDayFiles`) or renders the bad entry alone
/// (`DigestWriter.renderAlone`): a point too short to hit from outside by timing.
@Suite(.serialized) struct DayWriteQuarantineTests {
    static func steps(_ ws: Workspace) throws -> [String: Int] {
        let ledger = try Ledger(path: ws.state + "/digestd.sqlite")
        return Dictionary(uniqueKeysWithValues: try ledger.stepsInFlight().map { ($0.step, $0.attempts) })
    }

    @Test(.enabled(if: KillAtFunction.gdb != nil, "needs gdb to kill the service at a chosen function (scripts/install-deps --test installs it)"))
    func aDayWhoseWriteDiedTwiceIsWrittenEntryByEntryWithoutTheEntryThatKills() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\", \"html\", \"atom\", \"json\"]\ntimezone = \"UTC\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        // The second of the harbour articles is the entry that kills the service.
        let bad = ws.inbox + "/" + HarbourArticles.all[1].name
        let dayStep = "day:" + HarbourArticles.day, entryStep = "entry:" + bad

        // A day of three articles, written in full by a run that stops cleanly.
        for i in 0..<3 { try HarbourArticles.write(ws, i) }
        let first = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await first.waitUntilReady())
        #expect(await ws.waitForEntries(timeout: .seconds(30)) { $0.count == 3 }.count == 3)
        #expect(await first.stop() == 0)

        // A fourth article arrives while the service is down; the next two runs die writing the day.
        try HarbourArticles.write(ws, 3)
        let writeDay = try #require(try KillAtFunction.symbol(containing: ["$s6Digest", "13writeDayFiles"]), "no DigestWriter.writeDayFiles in \(Repo.binary)")
        let renderAlone = try #require(try KillAtFunction.symbol(containing: ["$s6Digest", "11renderAlone"]), "no DigestWriter.renderAlone in \(Repo.binary)")
        for run in 1...2 {
            let log = ws.root + "/day-run-\(run).log"
            let (killed, transcript) = try await KillAtFunction.run(ws, symbol: writeDay, hit: 1, logPath: log, arguments: ["--config", config])
            #expect(killed, "run \(run) was not killed in the day write:\n\(transcript)")
            let steps = try Self.steps(ws)
            #expect(steps[dayStep] == run, "run \(run): \(steps)")
        }

        // Runs 3 and 4 find the day write died twice and render each entry alone, in arrival
        // order; each dies on the second entry (the first is rendered and its step ended).
        for run in 3...4 {
            let log = ws.root + "/entry-run-\(run).log"
            let (killed, transcript) = try await KillAtFunction.run(ws, symbol: renderAlone, hit: 2, logPath: log, arguments: ["--config", config])
            #expect(killed, "run \(run) was not killed rendering the second entry:\n\(transcript)")
            let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(said.contains("writing \(HarbourArticles.day) killed the service twice; checking it entry by entry"), "run \(run):\n\(said)")
            let steps = try Self.steps(ws)
            #expect(steps[entryStep] == run - 2, "run \(run): \(steps)")
            #expect(steps.keys.sorted() == [dayStep, entryStep], "run \(run): \(steps)")
        }

        // Run 5 skips the entry that killed it twice, reports it, and writes the rest of the day.
        let notify = try #require(NotifySocket(path: ws.root + "/notify"))
        let fifth = try ServiceProcess(ws, arguments: ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        #expect(await fifth.waitUntilReady())
        let expected = [0, 2, 3].map { HarbourArticles.all[$0] }
        let entries = await ws.waitForEntries(timeout: .seconds(30)) { $0.map(\.source).sorted() == expected.map(\.name) }
        #expect(entries.map(\.source).sorted() == expected.map(\.name))
        let reported = await eventually(timeout: .seconds(10)) {
            logLines(fifth.log).contains { $0.fields["MESSAGE_ID"] == MessageID.articleQuarantined.rawValue }
        }
        #expect(reported)
        try await Task.sleep(for: .seconds(1)) // the write after the quarantine, and its STATUS=
        #expect(await fifth.stop() == 0)

        let lines = logLines(fifth.log)
        #expect(lines.contains { $0.level == "warning" && $0.text.contains("writing \(HarbourArticles.day) killed the service twice; checking it entry by entry") })
        let said = lines.filter { $0.fields["MESSAGE_ID"] == MessageID.articleQuarantined.rawValue }
        #expect(said.count == 1, "\(said.map(\.text))")
        #expect(said.first?.level == "error")
        #expect(said.first?.fields["DIGESTD_ARTICLE"] == bad)
        #expect(said.first?.fields["DIGESTD_REASON"] == "render_crashed")
        let statuses = notify.received().filter { $0.contains("STATUS=") }
        #expect(statuses.last?.contains("1 quarantined (journalctl MESSAGE_ID=\(MessageID.articleQuarantined))") == true, "\(statuses)")

        // Every other entry is in every format; the bad one in none.
        let base = ws.digests + "/" + HarbourArticles.day
        let markdown = try String(contentsOfFile: base + ".md", encoding: .utf8)
        let html = try String(contentsOfFile: base + ".html", encoding: .utf8)
        let feed = try String(contentsOfFile: ws.digests + "/feed.atom", encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + ".json"))) as? [String: Any])
        let jsonTitles = (json["articles"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }.sorted()
        #expect(jsonTitles == expected.map(\.title).sorted())
        for article in expected {
            #expect(markdown.contains(article.title) && html.contains(article.title) && feed.contains(article.title), "\(article.title) missing from a format")
        }
        for text in [markdown, html, feed] { #expect(!text.contains(HarbourArticles.all[1].title) && !text.contains(HarbourArticles.all[1].name)) }

        // Recorded as failed with its reason; nothing is left in hand.
        let ledger = try Ledger(path: ws.state + "/digestd.sqlite")
        #expect(try ledger.failedArticles().map(\.path) == [bad])
        #expect(try ledger.failedArticles().first?.reason == "render_crashed")
        #expect(try ledger.stepsInFlight().isEmpty)
        #expect(try ledger.articles(day: HarbourArticles.day).map(\.path) == expected.map { ws.inbox + "/" + $0.name })
    }
}
