import Foundation
import Testing

/// Issue 15, point 4: retries waiting with back-off are cancelled at shutdown. SIGTERM while a
/// failing digest write waits for its next attempt stops the service at once and cleanly: exit 0,
/// one last write attempt, nothing after it.
@Suite(.serialized) struct ShutdownDuringBackOffTests {
    @Test func sigtermDuringBackOffExitsPromptlyWithoutLateWork() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let fm = FileManager.default
        let article = ws.inbox + "/berths.txt"
        try "Berth notice\n\nThe harbour office published a notice about berth allocations. Skippers must confirm by Friday. Late confirmations go to the waiting list.\n"
            .write(toFile: article, atomically: false, encoding: .utf8)
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_768_478_400)], ofItemAtPath: article) // 2026-01-15 12:00 UTC
        // A folder where the day's digest file goes: every write of that day fails (rename: EISDIR).
        try fm.createDirectory(atPath: ws.digests + "/2026-01-15.md", withIntermediateDirectories: true)
        let config = ws.root + "/digestd.toml"
        try "timezone = \"UTC\"\nformats = [\"markdown\"]\n".write(toFile: config, atomically: true, encoding: .utf8)

        let service = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await service.waitUntilReady())
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, !service.log.contains("digest write failing") {
            try await Task.sleep(for: .milliseconds(50))
        }
        // First retry after 1 s, the next one 2 s after that retry: stop 300 ms after the first
        // retry is seen, so the stop falls inside the 2 s back-off however late the machine ran
        // the first retry (a loaded test machine delays timers; the back-off counts from the retry).
        while ContinuousClock.now < deadline, service.log.components(separatedBy: "digest write still failing").count - 1 < 1 {
            try await Task.sleep(for: .milliseconds(50))
        }
        let retrySeen = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(300))
        #expect(service.log.components(separatedBy: "digest write still failing").count - 1 == 1,
                "a second retry came within \(ContinuousClock.now - retrySeen) of the first: the back-off did not double")
        let stopped = ContinuousClock.now
        let status = await service.stop(timeout: .seconds(30))
        let took = ContinuousClock.now - stopped
        #expect(status == 0)
        #expect(took < .seconds(3), "exit took \(took) after SIGTERM")

        let log = service.log
        let afterStop = log.components(separatedBy: "info stopping").dropFirst().joined()
        #expect(!afterStop.isEmpty, "no stopping line")
        // One last write attempt at the stop, no retry after it.
        #expect(afterStop.components(separatedBy: "digest write").count - 1 <= 1, "\(afterStop)")
        #expect(log.components(separatedBy: "digest write failing:").count - 1 == 1, "the failure is reported once")
    }
}
