import Digest
import Foundation
import Testing

/// W-class field cases about what the kernel does to a watcher: queue overflow (F09), the inbox
/// deleted, re-created and moved away (F16), and inotify limits.
@Suite(.serialized) struct IntakeKernelFieldCaseTests {
    static let maxQueuedEvents = "/proc/sys/fs/inotify/max_queued_events"

    /// F09 (W5): a burst of files written as fast as bash can while the service is frozen
    /// (SIGSTOP), so that the kernel's queue overflows for certain. As root the queue is first cut
    /// to 256 events (`fs.inotify.max_queued_events` is read once per inotify instance, so the
    /// setting is restored as soon as the service watches). IN_Q_OVERFLOW must be logged as a
    /// warning with DIGESTD_REASON=queue_overflow and answered with a full rescan: every file
    /// ends up in the digest exactly once.
    ///
    /// 1,500 files rather than the case's 5,000, to keep the suite's wall time within budget; the
    /// overflow, which is what the case is about, happens after about 85 files either way.
    @Test func f09BurstWithForcedQueueOverflowLosesNothing() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let forceOverflow = getuid() == 0
        var service: ServiceProcess
        if forceOverflow {
            // Two test runs on one machine must not interleave their save and restore (one would
            // "restore" the other's 256): hold a lock across the whole window.
            let lock = open("/tmp/digestd-test-max_queued_events.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            defer { if lock >= 0 { close(lock) } }
            while lock >= 0, flock(lock, LOCK_EX | LOCK_NB) != 0 { try await Task.sleep(for: .milliseconds(50)) }
            let saved = try String(contentsOfFile: Self.maxQueuedEvents, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            try "256\n".write(toFile: Self.maxQueuedEvents, atomically: false, encoding: .utf8)
            do {
                service = try ServiceProcess(ws)
                let ready = await service.waitUntilReady()
                try (saved + "\n").write(toFile: Self.maxQueuedEvents, atomically: false, encoding: .utf8)
                #expect(ready)
            } catch {
                try (saved + "\n").write(toFile: Self.maxQueuedEvents, atomically: false, encoding: .utf8)
                throw error
            }
        } else {
            service = try ServiceProcess(ws)
            #expect(await service.waitUntilReady())
        }
        let count = 1_500
        kill(service.process.processIdentifier, SIGSTOP)
        let act = try FieldCase("F09").act(ws, [ws.inbox, "\(count)"])
        let status = await act.waitForExit(timeout: .seconds(120))
        kill(service.process.processIdentifier, SIGCONT)
        #expect(status == 0)
        #expect(await eventually(timeout: .seconds(150), interval: .seconds(1)) { ws.entries().count >= count }, "log:\n\(service.log.suffix(2000))")
        try await Task.sleep(for: .seconds(1))
        let sources = ws.entries().map(\.source)
        #expect(sources.count == count)
        #expect(Set(sources).count == sources.count, "duplicate entries")
        let missing = Set((1...count).map { String(format: "f09-notice-%05d.txt", $0) }).subtracting(sources)
        #expect(missing.isEmpty, "\(missing.count) missing, e.g. \(missing.sorted().prefix(5))")
        let overflows = logLines(service.log).filter { $0.fields["DIGESTD_REASON"] == "queue_overflow" }
        if forceOverflow {
            #expect(!overflows.isEmpty, "a 256-event queue never overflowed")
            #expect(overflows.allSatisfy { $0.level == "warning" && $0.fields["DIGESTD_WATCH"] == ws.inbox })
        }
        // Bounded memory: no copy of every event kept around.
        if let peak = peakResidentKilobytes(service.process.processIdentifier) {
            #expect(peak < 400_000, "peak RSS \(peak) kB")
        }
        #expect(await service.stop() == 0)
    }

    /// F16 (W8): the inbox deleted and re-created, then moved away and re-created. The folder at
    /// the configured path is watched again (and said so); the moved-away one is not followed.
    @Test func f16DeletedRecreatedAndMovedAwayInboxIsWatchedAgainAtItsPath() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let act = try FieldCase("F16").act(ws, [ws.inbox])
        // f16-a is written about 6 s in; it must be taken within about 15 s of that.
        let started = ContinuousClock.now
        #expect(await eventually(timeout: .seconds(21)) { !entries(ws, source: "f16-a-skate-park.txt").isEmpty })
        #expect(ContinuousClock.now - started < .seconds(21))
        #expect(await act.waitForExit(timeout: .seconds(60)) == 0, "\(act.output)")
        #expect(await eventually(timeout: .seconds(10)) { !entries(ws, source: "f16-b-allotments.txt").isEmpty }, "log:\n\(service.log)")
        // Not running but deaf: a new file in the new folder is taken.
        try uniqueArticle(16, words: "after the move").write(toFile: ws.inbox + "/f16-d-after.txt", atomically: false, encoding: .utf8)
        #expect(await eventually(timeout: .seconds(10)) { !entries(ws, source: "f16-d-after.txt").isEmpty })
        try await Task.sleep(for: .seconds(1))
        #expect(entries(ws, source: "f16-c-stale.txt").isEmpty, "the moved-away folder was followed")
        #expect(!logLines(service.log).contains { $0.isAbout("f16-c-stale.txt") })
        let lost = logLines(service.log).filter { $0.level == "warning" && $0.fields["DIGESTD_WATCH"] == ws.inbox && $0.text.contains("watch dir missing") }
        #expect(lost.count >= 2, "one warning per loss (deleted, moved away)")
        #expect(logLines(service.log).filter { $0.text.contains("watching \(ws.inbox) again") }.count >= 2)
        #expect(inotifyWatchCount(service.process.processIdentifier) == 1)
        #expect(service.process.isRunning)
        #expect(await service.stop() == 0)
    }

    /// inotify limits give a clear error naming the sysctl, not "no space left on device". The
    /// limits are set to 0 in a private user namespace (`/proc/sys/user/max_inotify_*` are per
    /// user namespace), so nothing else on the machine is affected.
    @Test(arguments: [("max_inotify_watches", "fs.inotify.max_user_watches"), ("max_inotify_instances", "fs.inotify.max_user_instances")])
    func inotifyLimitNamesTheSysctl(_ limit: String, _ sysctl: String) async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let script = "echo 0 > /proc/sys/user/\(limit) && exec \"$0\" \"$@\""
        let child = try ChildProcess("/usr/bin/unshare", ["--user", "--map-root-user", "/bin/sh", "-c", script, Repo.binary, "run",
                                                          "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state],
                                     logIn: ws.root)
        let status = await child.waitForExit(timeout: .seconds(20))
        guard !child.output.contains("unshare failed"), !child.output.contains("Operation not permitted") else {
            Issue.record("user namespaces unavailable here: \(child.output)")
            return
        }
        #expect(status != nil && status != 0)
        #expect(child.output.contains(sysctl), "output:\n\(child.output)")
        #expect(child.output.contains(ws.inbox))
    }
}
