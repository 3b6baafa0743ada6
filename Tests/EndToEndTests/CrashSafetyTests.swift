import Digest
import Foundation
import Ledger
import Testing

/// Nothing lost, nothing twice: SIGKILL at random moments, a full disk, restarts (issue 5; F60, F62, F63).
@Suite(.serialized) struct CrashSafetyTests {
    /// A small deterministic generator (SplitMix64), so a failing run can be repeated.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Writes numbered articles the way a feed fetcher does (hidden temp name, then rename), and
    /// counts those whose rename completed.
    final class Feeder: @unchecked Sendable {
        // @unchecked: `written` and `running` are only touched under `lock`.
        private let lock = NSLock()
        private var written = 0
        private var running = true
        let inbox: String
        let staging: String

        init(inbox: String, staging: String) {
            self.inbox = inbox
            self.staging = staging
        }

        var count: Int { lock.lock(); defer { lock.unlock() }; return written }
        func stop() { lock.lock(); running = false; lock.unlock() }

        static func name(_ i: Int) -> String { "torture-" + String(format: "%04d", i) + ".txt" }

        func run(interval: Duration) async {
            var i = 0
            while lock.withLock({ running }) {
                i += 1
                let text = "Harbour notice \(i)\n\nThe harbour office published notice \(i) about berth allocations for the coming season. Skippers must confirm berth \(i) by Friday at noon. Late confirmations for berth \(i) will go to the waiting list.\n"
                let temp = inbox + "/." + Self.name(i) + ".tmp"
                FileManager.default.createFile(atPath: temp, contents: Data(text.utf8))
                rename(temp, inbox + "/" + Self.name(i))
                lock.withLock { written = i }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Structural checks a reader relies on: every digest parses, ends with a newline, has no NUL
    /// and is valid UTF-8; returns a problem description or nil.
    static func tornDigest(in folder: String) -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return "\(name): unreadable" }
            if data.isEmpty { return "\(name): empty" }
            if data.last != 0x0A { return "\(name): no final newline" }
            if data.contains(0) { return "\(name): NUL byte" }
            guard let text = String(validating: Array(data), as: UTF8.self) else { return "\(name): invalid UTF-8" }
            if MarkdownDigest.parse(text) == nil { return "\(name): does not parse" }
        }
        return nil
    }

    @Test func fiftySIGKILLsLoseNothingAndDuplicateNothing() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let feeder = Feeder(inbox: ws.inbox, staging: ws.staging)
        let feeding = Task { await feeder.run(interval: .milliseconds(30)) }
        var rng = SplitMix64(state: 20261129)
        var kills = 0
        for _ in 0..<50 {
            let service = try ServiceProcess(ws, arguments: ["--log-level", "info"])
            // Kill at a random moment: sometimes before ready, mostly while it works.
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...400, using: &rng)))
            #expect(await service.stop(signal: SIGKILL) != nil)
            kills += 1
            if let problem = Self.tornDigest(in: ws.digests) {
                Issue.record("torn digest after kill \(kills): \(problem)")
                break
            }
        }
        feeder.stop()
        await feeding.value
        let total = feeder.count
        #expect(kills == 50)
        #expect(total > 100)

        // Restart once more and let it settle: every article written is in exactly one entry, or
        // quarantined and reported. Poison quarantine skips an article that was in hand during two
        // deaths, whatever killed the service (an OOM kill of a huge article is a SIGKILL too);
        // random kills every 20–400 ms can land twice on one article by chance, rarely.
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let database = ws.state + "/digestd.sqlite"
        func quarantined() -> [String] {
            ((try? Ledger(readingOnly: database).failedArticles()) ?? []).map { URL(fileURLWithPath: $0.path).lastPathComponent }
        }
        let entries = await ws.waitForEntries(timeout: .seconds(60)) { $0.count + quarantined().count >= total }
        let sources = entries.map(\.source)
        let failed = quarantined()
        #expect(failed.count <= 2, "\(failed.count) articles quarantined by chance: \(failed)")
        #expect(sources.count + failed.count == total, "expected \(total) entries, found \(sources.count) and \(failed.count) quarantined")
        #expect(Set(sources).count == sources.count, "an article is listed twice")
        #expect(Set(sources).isDisjoint(with: failed), "a quarantined article is also listed")
        #expect(Set(sources).union(failed) == Set((1...total).map(Feeder.name)))
        // Each is reported: some run's log says it was skipped.
        let logs = ((try? FileManager.default.contentsOfDirectory(atPath: ws.root)) ?? [])
            .filter { $0.hasPrefix("service-") && $0.hasSuffix(".log") }
            .map { (try? String(contentsOfFile: ws.root + "/" + $0, encoding: .utf8)) ?? "" }
        for name in failed {
            #expect(logs.contains { log in log.split(separator: "\n").contains { $0.contains(name) && $0.contains("quarantined") } },
                    "\(name) quarantined without a report")
        }
        #expect(await service.stop() == 0)
        #expect(Self.tornDigest(in: ws.digests) == nil)
        let strays = try FileManager.default.contentsOfDirectory(atPath: ws.digests).filter { $0.hasPrefix(".") }
        #expect(strays.isEmpty, "temporary files left: \(strays)")

        // The ledger is sound, and rebuilding from it alone reproduces every file byte for byte.
        #expect(try Ledger(path: ws.state + "/digestd.sqlite").integrityCheck() == ["ok"])
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.digests).filter { $0.hasSuffix(".md") }.sorted()
        let before = names.map { FileManager.default.contents(atPath: ws.digests + "/" + $0) }
        for name in names { try FileManager.default.removeItem(atPath: ws.digests + "/" + name) }
        let rebuild = try runDigestd(["digest", "--rebuild", "--output", ws.digests, "--state", ws.state, "--watch", ws.inbox])
        #expect(rebuild.status == 0, "\(rebuild.err)")
        let after = names.map { FileManager.default.contents(atPath: ws.digests + "/" + $0) }
        #expect(before == after)
    }

    /// F62: the digest folder on a full 256 KiB tmpfs. Needs root for the mount.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDiskIsLoggedAndRecoveredWithoutCorruption() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        try FileManager.default.createDirectory(atPath: ws.digests, withIntermediateDirectories: true)
        #expect(Process.runShell("mount -t tmpfs -o size=256k digestd-test \(ws.digests)") == 0)
        defer { _ = Process.runShell("umount -l \(ws.digests)") }

        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let body = "The harbour office published a notice about berth allocations. Skippers must confirm by Friday. Late confirmations go to the waiting list."
        try "First notice\n\n\(body)\n".write(toFile: ws.inbox + "/first.txt", atomically: false, encoding: .utf8)
        var entries = await ws.waitForEntries { $0.count == 1 }
        #expect(entries.count == 1)
        let digestName = try #require(FileManager.default.contentsOfDirectory(atPath: ws.digests).first { $0.hasSuffix(".md") })
        let before = FileManager.default.contents(atPath: ws.digests + "/" + digestName)

        // Fill the file system, then drop three articles.
        #expect(Process.runShell("dd if=/dev/zero of=\(ws.digests)/filler bs=4k 2>/dev/null; sync") != -1)
        for i in 1...3 {
            try "Notice \(i) of three\n\n\(body) Number \(i).\n".write(toFile: ws.inbox + "/full-\(i).txt", atomically: false, encoding: .utf8)
        }
        try await Task.sleep(for: .seconds(3))
        let log = service.log
        #expect(log.contains("ERRNO=28"), "no ENOSPC error logged")
        #expect(log.contains("DIGESTD_DIGEST=\(ws.digests)/\(digestName)"))
        // The old digest is intact, and no temporary or truncated file is visible.
        #expect(FileManager.default.contents(atPath: ws.digests + "/" + digestName) == before)
        #expect(Self.tornDigest(in: ws.digests) == nil)
        let errorsWhileFull = log.components(separatedBy: "ERRNO=28").count - 1
        #expect(errorsWhileFull <= 8, "ENOSPC logged \(errorsWhileFull) times in 3 s: not backing off")

        // Free the space: the digest catches up by itself.
        try FileManager.default.removeItem(atPath: ws.digests + "/filler")
        entries = await ws.waitForEntries(timeout: .seconds(30)) { $0.count == 4 }
        #expect(entries.map(\.source).sorted() == ["first.txt", "full-1.txt", "full-2.txt", "full-3.txt"])
        // No temporary file is left once the write that brought the .md up to date is over: the
        // rest of that write (the HTML, the index, the feed) and the unlinking of replaced
        // versions (`RetiredFiles`, off the writer's thread) may still be under way when the
        // .md shows the fourth entry.
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: ws.digests).filter { $0.hasPrefix(".") }
        }
        let deadline = ContinuousClock.now + .seconds(5)
        while try !temporaries().isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let left = try temporaries()
        #expect(left.isEmpty, "\(left)")
        #expect(await service.stop() == 0)
    }
}

extension NSLock {
    func withLock<T>(_ body: () -> T) -> T {
        lock()
        defer { unlock() }
        return body()
    }
}

extension Process {
    /// Runs a shell command line; returns its exit status (-1 if it could not start).
    static func runShell(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

/// A clean stop writes what was recorded: articles recorded while the render spacing held a
/// write back are in the digest when the service exits, not only after the next start.
@Suite struct CleanStopTests {
    @Test func sigtermDuringABurstLeavesEveryRecordedArticleInTheDigest() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws, arguments: ["--log-level", "info"])
        #expect(await service.waitUntilReady())
        // A burst (a backlog of more than 8) spaces writes at least 200 ms apart: stop the
        // service soon after the first write, while most recorded articles wait for the next.
        for n in 1...400 {
            try "Burst story \(n)\n\nThe council met for the \(n)th time. Members voted on item \(n) of the agenda.\n"
                .write(toFile: ws.staging + "/b\(n).txt", atomically: false, encoding: .utf8)
        }
        for n in 1...400 { rename(ws.staging + "/b\(n).txt", ws.inbox + "/b\(n).txt") }
        _ = await ws.waitForEntries(timeout: .seconds(20)) { !$0.isEmpty }
        #expect(await service.stop(signal: SIGTERM) == 0)
        let recorded = try Ledger(path: ws.state + "/digestd.sqlite").articles(day: try #require(
            try Ledger(path: ws.state + "/digestd.sqlite").days().last))
        #expect(!recorded.isEmpty)
        #expect(ws.entries().count == recorded.count, "recorded \(recorded.count), in the digest \(ws.entries().count)")
    }
}
