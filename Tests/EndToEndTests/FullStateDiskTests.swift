import Foundation
import Testing

/// Issue 13, back-off: the state folder (the ledger) on a full tmpfs. Each file gets at most one
/// warning while the disk is full, retries back off, and every article is recorded once space is
/// free again, with one recovery line each.
@Suite(.serialized) struct FullStateDiskTests {
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullStateDiskWarnsOncePerFileAndRecovers() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        try FileManager.default.createDirectory(atPath: ws.state, withIntermediateDirectories: true)
        #expect(Process.runShell("mount -t tmpfs -o size=1m digestd-state-test \(ws.state)") == 0)
        defer { _ = Process.runShell("umount -l \(ws.state)") }

        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let body = "The harbour office published a notice about berth allocations. Skippers must confirm by Friday. Late confirmations go to the waiting list."
        try "First notice\n\n\(body)\n".write(toFile: ws.inbox + "/first.txt", atomically: false, encoding: .utf8)
        #expect(await ws.waitForEntries { $0.count == 1 }.count == 1)

        // Fill the state file system, then drop three articles and let the retries run a while.
        #expect(Process.runShell("dd if=/dev/zero of=\(ws.state)/filler bs=4k 2>/dev/null; sync") != -1)
        let names = ["full-1.txt", "full-2.txt", "full-3.txt"]
        for (i, name) in names.enumerated() {
            try "Notice \(i) of three\n\n\(body) Number \(i).\n".write(toFile: ws.inbox + "/" + name, atomically: false, encoding: .utf8)
        }
        try await Task.sleep(for: .seconds(8))
        var log = service.log
        for name in names {
            let said = warnings(in: log, about: name)
            #expect(said.count == 1, "\(name): \(said.map(\.text))")
            #expect(said.first?.fields["DIGESTD_ERROR"] == "SQLITE_FULL", "\(name)")
        }
        // Back-off: 1 s, 2 s, 4 s… so at most 4 attempts per file in 8 s (a fixed 1 s retry makes 8).
        let attempts = log.components(separatedBy: "still cannot record article").count - 1
        #expect(attempts <= 3 * 4, "\(attempts) retries in 8 s")

        // Free the space: every article is recorded, with one recovery line each.
        try FileManager.default.removeItem(atPath: ws.state + "/filler")
        let entries = await ws.waitForEntries(timeout: .seconds(40)) { $0.count == 4 }
        #expect(entries.map(\.source).sorted() == ["first.txt"] + names)
        log = service.log
        for name in names {
            #expect(logLines(log).filter { $0.isAbout(name) && $0.fields["DIGESTD_REASON"] == "ledger_recovered" }.count == 1, "\(name)")
            #expect(warnings(in: log, about: name).count == 1, "\(name)")
        }
        #expect(await service.stop() == 0)
    }
}
