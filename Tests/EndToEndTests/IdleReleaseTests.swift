import Digest
import Foundation
import Testing

/// The real service going quiet: its idle trim unmaps clean file pages (its file-backed resident
/// memory falls below what it was while working) and the next article is still taken and
/// summarized with the pages mapped again.
@Suite(.serialized) struct IdleReleaseTests {
    static let bbc = Repo.shared + "/eval-data/bbc-dev/docs"

    /// `RssFile` of `/proc/PID/status`, KiB.
    static func residentFileKiB(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("RssFile:") {
            return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }

    @Test func quietServiceUnmapsCleanPagesAndTakesTheNextArticle() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.bbc).sorted()
        try #require(names.count >= 11)
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        for name in names.prefix(10) {
            try FileManager.default.copyItem(atPath: Self.bbc + "/" + name, toPath: ws.inbox + "/" + name)
        }
        // The most file-backed memory seen while the articles are taken (no trim runs while the
        // service works: it waits for a quiet spell).
        var working = 0
        let workDeadline = ContinuousClock.now + .seconds(60)
        while ws.entries().count < 10, ContinuousClock.now < workDeadline {
            working = max(working, Self.residentFileKiB(service.process.processIdentifier) ?? 0)
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(ws.entries().count == 10)

        // The trim follows a quiet spell of 2 s. A trim may already have run before the articles
        // came (after the start-up scan, on a slow run): wait for one logged after the work (a
        // bounded wait, not a time).
        let trimLines = { service.log.split(separator: "\n").filter { $0.contains("idle trim:") } }
        let before = trimLines().count
        let deadline = ContinuousClock.now + .seconds(60)
        while trimLines().count <= before, service.process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let line = try #require(trimLines().dropFirst(before).first)
        let words = line.split(separator: " ")
        let unmapped = words.firstIndex(of: "KiB").flatMap { $0 > words.startIndex ? Int(words[$0 - 1]) : nil }
        #expect((unmapped ?? 0) > 0, "\(line)")
        let idle = try #require(Self.residentFileKiB(service.process.processIdentifier))
        #expect(idle < working, "file-backed resident memory \(working) KiB while working, \(idle) KiB after the trim")

        // The next article runs through code and data that were unmapped (and, before the
        // loader's relocated pages were told apart, crashed in the first lazy symbol look-up).
        try FileManager.default.copyItem(atPath: Self.bbc + "/" + names[10], toPath: ws.inbox + "/" + names[10])
        #expect(await ws.waitForEntries(timeout: .seconds(60)) { $0.count == 11 }.count == 11)
        #expect(service.process.isRunning)
        #expect(await service.stop() == 0)
    }
}
