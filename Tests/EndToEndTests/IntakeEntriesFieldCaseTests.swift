import Digest
import Foundation
import Testing

/// W-class field cases about inbox entries that are not articles: FIFOs, sockets, devices,
/// folders (F19), unreadable files (F20) and symlinks (F24).
@Suite(.serialized) struct IntakeEntriesFieldCaseTests {
    /// F19 (W10): a FIFO, links to /dev/zero and /dev/urandom, a folder and a socket named
    /// `*.txt`; the normal article is taken live and after a restart, nothing blocks.
    @Test func f19NonRegularEntriesAreSkippedWithoutBlocking() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(try await FieldCase("F19").act(ws, [ws.inbox]).waitForExit() == 0)
        #expect(await eventually(timeout: .seconds(5)) { !entries(ws, source: "f19-normal.txt").isEmpty }, "log:\n\(service.log)")
        let odd = ["f19-pipe.txt", "f19-zero.txt", "f19-random.txt", "f19-folder.txt", "f19-socket.txt"]
        try await Task.sleep(for: .milliseconds(500))
        #expect(await service.stop() == 0)
        let peak = peakResidentKilobytes(service.process.processIdentifier)

        let again = try ServiceProcess(ws)
        #expect(await again.waitUntilReady())
        try uniqueArticle(19, words: "after restart").write(toFile: ws.inbox + "/f19-after.txt", atomically: false, encoding: .utf8)
        #expect(await eventually(timeout: .seconds(5)) { !entries(ws, source: "f19-after.txt").isEmpty }, "blocked after restart:\n\(again.log)")
        #expect(ws.entries().map(\.source).sorted() == ["f19-after.txt", "f19-normal.txt"])
        for log in [service.log, again.log] {
            for name in odd {
                let said = warnings(in: log, about: name)
                #expect(said.count <= 1, "\(name): \(said.map(\.text))")
                #expect(said.allSatisfy { ["not_regular_file", "symlink_outside_inbox"].contains($0.fields["DIGESTD_REASON"] ?? "") })
            }
        }
        // Every special entry is met by the start-up scan: each is warned about there.
        for name in ["f19-pipe.txt", "f19-zero.txt", "f19-random.txt", "f19-socket.txt"] {
            #expect(warnings(in: again.log, about: name).count == 1, "\(name) not reported after the restart")
        }
        if let peak { #expect(peak < 200_000, "peak RSS \(peak) kB: /dev/zero read?") }
        #expect(await again.stop() == 0)
    }

    /// F20 (W11): a mode-000 article, readable again 5 s later; the daemon runs as `nobody`
    /// (root reads anything). Needs root to switch user, as CI has.
    @Test(.enabled(if: getuid() == 0, "switching to the nobody user needs root"))
    func f20UnreadableFileIsWarnedOnceAndTakenWhenReadable() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        for folder in [ws.state, ws.digests] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            #expect(chown(folder, 65534, 65534) == 0)
        }
        let service = try ChildProcess("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", Repo.binary, "run",
                                                            "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state,
                                                            "--log-level", "debug"], logIn: ws.root)
        #expect(await service.waitUntilReady(), "log:\n\(service.output)")
        let name = "f20-locked-notice.txt"
        let act = try FieldCase("F20").act(ws, [ws.inbox])
        // While it is locked: one warning with ERRNO=13, and other articles keep flowing.
        #expect(await eventually(timeout: .seconds(4)) { !warnings(in: service.output, about: name).isEmpty })
        try uniqueArticle(20, words: "meanwhile").write(toFile: ws.inbox + "/f20-meanwhile.txt", atomically: false, encoding: .utf8)
        chmod(ws.inbox + "/f20-meanwhile.txt", 0o644)
        #expect(await eventually(timeout: .seconds(4)) { !entries(ws, source: "f20-meanwhile.txt").isEmpty })
        #expect(act.isRunning, "the file was made readable before the checks ran")
        #expect(await act.waitForExit() == 0)
        #expect(await eventually(timeout: .seconds(5)) { !entries(ws, source: name).isEmpty }, "log:\n\(service.output)")
        try await Task.sleep(for: .milliseconds(500))
        #expect(entries(ws, source: name).count == 1)
        let said = warnings(in: service.output, about: name)
        #expect(said.count == 1)
        #expect(said.first?.fields["ERRNO"] == "13")
        #expect(said.first?.fields["DIGESTD_REASON"] == "unreadable")
        #expect(entries(ws, source: "f20-private-dir.txt").isEmpty)
        #expect(service.isRunning)
        #expect(await service.stop() == 0)
    }

    /// F24 (W12): links out of the inbox, dangling, looping, to a folder; and one inside.
    @Test func f24SymlinksAreFollowedOnlyToRegularFilesInsideTheInbox() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        // A link to an article inside the inbox: that article once.
        try uniqueArticle(24, words: "inside").write(toFile: ws.inbox + "/f24-inside.txt", atomically: false, encoding: .utf8)
        #expect(symlink("f24-inside.txt", ws.inbox + "/f24-inside-link.txt") == 0)
        // A link to a file only the service could read.
        #expect(symlink(ws.state + "/digestd.sqlite", ws.inbox + "/f24-state-link.txt") == 0)
        #expect(try await FieldCase("F24").act(ws, [ws.inbox]).waitForExit() == 0)
        try await Task.sleep(for: .seconds(1))
        let log = service.log
        #expect(ws.entries().map(\.source) == ["f24-inside.txt"] || ws.entries().map(\.source) == ["f24-inside-link.txt"])
        let digestText = ((try? FileManager.default.contentsOfDirectory(atPath: ws.digests)) ?? [])
            .compactMap { try? String(contentsOfFile: ws.digests + "/" + $0, encoding: .utf8) }.joined()
        #expect(!digestText.contains("lime trees"))
        #expect(!digestText.contains("fourteen trees"))
        func only(_ name: String, reason: String, errno: String? = nil) {
            let said = warnings(in: log, about: name)
            #expect(said.count == 1, "\(name): \(said.map(\.text))")
            #expect(said.first?.fields["DIGESTD_REASON"] == reason, "\(name): \(said.map(\.text))")
            if let errno { #expect(said.first?.fields["ERRNO"] == errno, "\(name)") }
        }
        only("f24-trees-link.txt", reason: "symlink_outside_inbox")
        only("f24-state-link.txt", reason: "symlink_outside_inbox")
        only("f24-dangling.txt", reason: "missing", errno: "2")
        only("f24-loop-a.txt", reason: "symlink_loop", errno: "40")
        only("f24-loop-b.txt", reason: "symlink_loop", errno: "40")
        #expect(warnings(in: log, about: "f24-dir-link.txt").count <= 1)
        #expect(warnings(in: log, about: "f24-dir-link.txt").allSatisfy { $0.fields["DIGESTD_REASON"] == "not_regular_file" })
        // The external folder is never watched: one inotify watch, on the inbox.
        #expect(inotifyWatchCount(service.process.processIdentifier) == 1)
        #expect(await service.stop() == 0)
    }
}
