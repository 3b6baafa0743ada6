import Foundation
import Testing

/// Issue 13, no silent failures: a failing recurring operation is logged once with path and errno,
/// and once more when it works again.
@Suite struct NoSilentFailureTests {
    /// The inbox loses its read permission while the service runs (as `nobody`, since root may
    /// list anything): the periodic rescan cannot list it. One warning with ERRNO=13, not one per
    /// rescan; one recovery line after the permission is back, and the rescan takes the file.
    @Test(.enabled(if: getuid() == 0, "switching to the nobody user needs root"))
    func rescanThatCannotListTheInboxIsWarnedOnceAndRecovers() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        for folder in [ws.state, ws.digests] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            #expect(chown(folder, 65534, 65534) == 0)
        }
        let config = try writeConfiguration(ws, inbox: ["rescan_interval = 1"])
        chmod(config, 0o644)
        let service = try ChildProcess("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", Repo.binary, "run",
                                                            "--config", config, "--watch", ws.inbox, "--output", ws.digests,
                                                            "--state", ws.state, "--log-level", "debug"], logIn: ws.root)
        #expect(await service.waitUntilReady(), "log:\n\(service.output)")
        #expect(chmod(ws.inbox, 0o311) == 0) // search and write, no listing
        try await Task.sleep(for: .milliseconds(3500))
        let failing = logLines(service.output).filter { $0.isWarningOrWorse && $0.fields["DIGESTD_REASON"] == "rescan_failed" }
        #expect(failing.count == 1, "\(failing.map(\.text))")
        #expect(failing.first?.fields["ERRNO"] == "13")
        #expect(failing.first?.fields["DIGESTD_WATCH"] == ws.inbox)
        #expect(chmod(ws.inbox, 0o755) == 0)
        #expect(await eventually(timeout: .seconds(5)) { service.output.contains("DIGESTD_REASON=rescan_recovered") })
        #expect(logLines(service.output).filter { $0.fields["DIGESTD_REASON"] == "rescan_failed" && $0.isWarningOrWorse }.count == 1)
        #expect(await service.stop() == 0)
    }
}
