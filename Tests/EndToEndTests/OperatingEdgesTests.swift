import Digest
import Foundation
import Testing

/// Issue 16, "What a new user hit": each bullet against the built binary, on real folders.
@Suite(.serialized) struct OperatingEdgesTests {
    static let ferry = "Ferry timetable\n\nThe ferry will run every hour from Monday. Tickets cost four crowns. The harbour office has the details.\n"
    static let library = "Library hours\n\nThe library opens late on Friday. Staff training runs all morning. Returns can be left in the box.\n"

    /// The environment of a user without a config file or variable (this machine has no
    /// /etc/digestd/digestd.toml; the lookup test below covers that step).
    static let noConfig = ["DIGESTD_CONFIG": ""]

    @Test func checkConfigAndRunFindTheConfigurationByTheSameRule() throws {
        let ws = Workspace()
        defer { ws.remove() }
        // No --config, no $DIGESTD_CONFIG, no /etc file: the embedded defaults, accepted.
        guard !FileManager.default.fileExists(atPath: "/etc/digestd/digestd.toml") else { return }
        let plain = try runDigestd(["check-config"], environment: Self.noConfig)
        #expect(plain.status == 0)
        #expect(plain.out == "the embedded defaults: ok\n")
        // $DIGESTD_CONFIG names the file for every command: check-config finds its problem…
        let config = ws.root + "/env.toml"
        try "watch = \"\(ws.inbox)\"\noutput = \"\(ws.digests)\"\nstate = \"\(ws.state)\"\nformats = [\"markdown\", \"json\"]\n[summary]\nsentences = 0\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let bad = try runDigestd(["check-config"], environment: ["DIGESTD_CONFIG": config])
        #expect(bad.status == 78)
        #expect(bad.err.contains("\(config): line 6: summary.sentences"))
        // …and so does run (same file, same refusal, before anything is created).
        let run = try runDigestd(["run"], environment: ["DIGESTD_CONFIG": config, "DIGESTD_LOG": "stderr"])
        #expect(run.status == 78)
        #expect(run.err.contains("line 6: summary.sentences"))
        #expect(!FileManager.default.fileExists(atPath: ws.state))
        // --config wins over the variable.
        let good = ws.root + "/good.toml"
        try "formats = [\"markdown\"]\n".write(toFile: good, atomically: true, encoding: .utf8)
        let chosen = try runDigestd(["check-config", "--config", good], environment: ["DIGESTD_CONFIG": config])
        #expect(chosen.status == 0 && chosen.out == "\(good): ok\n")
    }

    @Test func embeddedDefaultsWriteMarkdownHTMLAndAtom() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws, environment: Self.noConfig)
        #expect(await service.waitUntilReady())
        try Self.ferry.write(toFile: ws.inbox + "/ferry.txt", atomically: false, encoding: .utf8)
        #expect(await ws.waitForEntries { $0.count == 1 }.count == 1)
        #expect(await service.stop() == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: ws.digests).sorted()
        let day = try #require(files.first { $0.hasSuffix(".md") }).dropLast(3)
        #expect(files.contains("\(day).html") && files.contains("index.html") && files.contains("feed.atom"))
    }

    @Test func aFormatAddedBeforeARestartIsWrittenAtStart() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let first = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await first.waitUntilReady())
        try Self.ferry.write(toFile: ws.inbox + "/ferry.txt", atomically: false, encoding: .utf8)
        #expect(await ws.waitForEntries { $0.count == 1 }.count == 1)
        #expect(await first.stop() == 0)
        let day = try #require(FileManager.default.contentsOfDirectory(atPath: ws.digests).first { $0.hasSuffix(".md") }).dropLast(3)
        #expect(!FileManager.default.fileExists(atPath: "\(ws.digests)/\(day).json"))
        // JSON added while stopped: written at start, with no new article.
        try "formats = [\"markdown\", \"json\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let second = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await second.waitUntilReady())
        let written = await eventually(timeout: .seconds(10)) { FileManager.default.fileExists(atPath: "\(ws.digests)/\(day).json") }
        #expect(written)
        #expect(await second.stop() == 0)
    }

    @Test func rebuildWritesAndListsEveryConfiguredFile() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws, environment: Self.noConfig)
        #expect(await service.waitUntilReady())
        try Self.ferry.write(toFile: ws.inbox + "/ferry.txt", atomically: false, encoding: .utf8)
        #expect(await ws.waitForEntries { $0.count == 1 }.count == 1)
        #expect(await service.stop() == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: ws.digests) { try FileManager.default.removeItem(atPath: ws.digests + "/" + name) }
        let result = try runDigestd(["digest", "--rebuild", "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state], environment: Self.noConfig)
        #expect(result.status == 0)
        let listed = result.out.split(separator: "\n").map { String($0.split(separator: ":").first ?? "") }.sorted()
        let files = try FileManager.default.contentsOfDirectory(atPath: ws.digests).sorted().map { ws.digests + "/" + $0 }
        #expect(listed == files)
        #expect(files.count == 4, "md, html, index.html, feed.atom: \(files)")
    }

    @Test func aSecondServiceOnTheSameStateFolderIsRefusedNamingThePID() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let first = try ServiceProcess(ws, environment: Self.noConfig)
        #expect(await first.waitUntilReady())
        let second = try runDigestd(["run", "--watch", ws.inbox, "--output", ws.root + "/other", "--state", ws.state],
                                    environment: ["DIGESTD_LOG": "stderr", "DIGESTD_CONFIG": ""])
        #expect(second.status == 75)
        #expect(second.err.contains("already running") && second.err.contains("PID \(first.process.processIdentifier)"))
        #expect(first.process.isRunning)
        #expect(await first.stop() == 0)
        // Once the first has stopped, the lock is free again.
        let third = try ServiceProcess(ws, environment: Self.noConfig)
        #expect(await third.waitUntilReady())
        #expect(await third.stop() == 0)
    }

    @Test func aFailedStartCreatesNothing() throws {
        let ws = Workspace(createInbox: false)
        defer { ws.remove() }
        let result = try runDigestd(["run", "--watch", ws.root + "/nonexistent", "--output", ws.digests, "--state", ws.state],
                                    environment: ["DIGESTD_LOG": "stderr", "DIGESTD_CONFIG": ""])
        #expect(result.status == 66)
        #expect(result.err.contains(ws.root + "/nonexistent"))
        #expect(!FileManager.default.fileExists(atPath: ws.state))
        #expect(!FileManager.default.fileExists(atPath: ws.digests))
    }

    @Test func aFileInAFormatNotReadIsReportedOnceAtInfo() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        try "%PDF-1.4 not read".write(toFile: ws.inbox + "/early.pdf", atomically: false, encoding: .utf8)
        let service = try ServiceProcess(ws, arguments: ["--log-level", "info"], environment: Self.noConfig)
        #expect(await service.waitUntilReady())
        try "# Notes\n\nThe council met on Monday.\n".write(toFile: ws.inbox + "/notes.markdown", atomically: false, encoding: .utf8)
        try Self.ferry.write(toFile: ws.inbox + "/ferry.txt", atomically: false, encoding: .utf8)
        #expect(await ws.waitForEntries { $0.count == 1 }.count == 1)
        // Touch the skipped file again: still one line.
        try "# Notes\n\nThe council met on Monday again.\n".write(toFile: ws.inbox + "/notes.markdown", atomically: false, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(500))
        #expect(await service.stop() == 0)
        for name in ["early.pdf", "notes.markdown"] {
            let lines = logLines(service.log).filter { $0.isAbout(name) && $0.fields["DIGESTD_REASON"] == "extension_not_read" }
            #expect(lines.count == 1, "\(name): \(lines.map(\.text))")
            #expect(lines.first?.level == "info")
            #expect(lines.first?.text.contains("read: .txt, .md, .html, .htm, .eml") == true)
        }
    }

    @Test func configErrorsArePlainWordsWithSuggestionsOneLinePerProblem() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "watch = \"/tmp/in\"\noutput = \"/tmp/out\"\nstate = \"/tmp/st\n".write(toFile: config, atomically: true, encoding: .utf8)
        let syntax = try runDigestd(["check-config", "--config", config])
        #expect(syntax.status == 78)
        #expect(syntax.err.contains("line 3: a string is not closed"), "\(syntax.err)")
        try "wacth = \"/tmp/in\"\nformat = [\"html\"]\n[summary]\nsentence = 2\n[inbox]\nextension = [\"txt\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let unknown = try runDigestd(["check-config", "--config", config])
        #expect(unknown.err.contains("wacth: unknown key (did you mean \"watch\"?)"))
        #expect(unknown.err.contains("format: unknown key (did you mean \"formats\"?)"))
        #expect(unknown.err.contains("summary.sentence: unknown key (did you mean \"sentences\"?)"))
        #expect(unknown.err.contains("inbox.extension: unknown key (did you mean \"extensions\"?)"))
        // run: one log line per problem.
        let run = try runDigestd(["run", "--config", config], environment: ["DIGESTD_LOG": "stderr"])
        #expect(run.status == 78)
        let errors = run.err.split(separator: "\n").filter { $0.contains("unknown key") }
        #expect(errors.count == 4, "\(run.err)")
    }

    @Test func oneSentenceIsNotPlural() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws, environment: Self.noConfig)
        #expect(await service.waitUntilReady())
        try "A single line\n\nThe harbour reopened on Monday after the storm.\n".write(toFile: ws.inbox + "/one.txt", atomically: false, encoding: .utf8)
        #expect(await ws.waitForEntries { $0.count == 1 }.count == 1)
        #expect(await service.stop() == 0)
        #expect(service.log.contains("(1 sentence)"))
        #expect(!service.log.contains("(1 sentences)"))
    }
}
