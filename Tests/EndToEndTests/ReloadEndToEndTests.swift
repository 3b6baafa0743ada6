import Foundation
import Testing

/// SIGHUP re-reads the configuration: a good one takes effect at once, a bad one is refused.
@Suite(.serialized) struct ReloadEndToEndTests {
    @Test func reloadTakesAChangedConfigAndRefusesABrokenOne() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let service = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await service.waitUntilReady())
        try "Ferry timetable\n\nThe ferry will run every hour from Monday. Tickets cost four crowns. The harbour office has the details.\n"
            .write(toFile: ws.inbox + "/ferry.txt", atomically: false, encoding: .utf8)
        let entries = await ws.waitForEntries { $0.count == 1 }
        #expect(entries.count == 1)
        let day = try #require(FileManager.default.contentsOfDirectory(atPath: ws.digests).first { $0.hasSuffix(".md") }).dropLast(3)
        #expect(!FileManager.default.fileExists(atPath: "\(ws.digests)/\(day).html"))

        // A changed config: HTML on. The day is rewritten in it without a restart.
        try "formats = [\"markdown\", \"html\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(service.process.processIdentifier, SIGHUP)
        let deadline = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: "\(ws.digests)/\(day).html"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(FileManager.default.fileExists(atPath: "\(ws.digests)/\(day).html"))
        #expect(service.log.contains("configuration reloaded"))

        // A broken config: refused with one error naming key and line; the service goes on.
        try "formats = [\"markdown\", \"html\"]\n[summary]\nsentences = 0\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(service.process.processIdentifier, SIGHUP)
        try await Task.sleep(for: .milliseconds(700))
        #expect(service.process.isRunning)
        #expect(service.log.contains("configuration rejected"))
        #expect(service.log.contains("line 3: summary.sentences"))
        try "Second notice\n\nThe library opens late on Friday. Staff training runs all morning. Returns can be left in the box.\n"
            .write(toFile: ws.inbox + "/library.txt", atomically: false, encoding: .utf8)
        let after = await ws.waitForEntries { $0.count == 2 }
        #expect(after.count == 2)
        #expect(await service.stop() == 0)
    }

    /// A file skipped under the old configuration (its extension not listed) is taken after a
    /// reload that lists it, without a restart, and only once; a changed rescan_interval is
    /// said to need a restart.
    @Test func reloadRescansForFilesSkippedUnderTheOldConfig() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\"]\n[inbox]\nextensions = [\"md\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let service = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await service.waitUntilReady())
        try "Ferry timetable\n\nThe ferry will run every hour from Monday. Tickets cost four crowns. The harbour office has the details.\n"
            .write(toFile: ws.inbox + "/ferry.txt", atomically: false, encoding: .utf8)
        try "# Library hours\n\nThe library opens late on Friday. Staff training runs all morning. Returns can be left in the box.\n"
            .write(toFile: ws.inbox + "/library.md", atomically: false, encoding: .utf8)
        #expect(await ws.waitForEntries { $0.count == 1 }.count == 1)
        try await Task.sleep(for: .milliseconds(300))
        #expect(ws.entries().count == 1)

        try "formats = [\"markdown\"]\n[inbox]\nextensions = [\"md\", \"txt\"]\nrescan_interval = 60\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        kill(service.process.processIdentifier, SIGHUP)
        let after = await ws.waitForEntries { $0.count == 2 }
        #expect(after.count == 2)
        #expect(Set(after.map(\.source)) == ["ferry.txt", "library.md"])
        #expect(service.log.contains("inbox.rescan_interval changed in the configuration; it takes effect at the next restart"))
        // A second reload takes nothing twice.
        kill(service.process.processIdentifier, SIGHUP)
        try await Task.sleep(for: .milliseconds(700))
        #expect(ws.entries().count == 2)
        #expect(await service.stop() == 0)
    }
}
