import Foundation
import Testing

/// The breaker's findings on merged main (round 16), each through the real binary.
@Suite(.serialized) struct BreakerRoundTests {
    /// `rescan_interval = Int.max` was accepted, then `run` trapped (SIGILL) converting it to a
    /// `Duration`. It is refused at validation, naming the key and line, by check-config and run.
    @Test func aHugeRescanIntervalIsRefusedAtValidation() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\"]\n[inbox]\nrescan_interval = 9223372036854775807\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let check = try runDigestd(["check-config", "--config", config])
        #expect(check.status == 78)
        #expect(check.err.contains("line 3: inbox.rescan_interval: must be at most 31536000"), "\(check.err)")
        let run = try runDigestd(["run", "--config", config, "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state],
                                 environment: ["DIGESTD_LOG": "stderr"])
        #expect(run.status == 78, "\(run.err)")
        #expect(run.err.contains("inbox.rescan_interval: must be at most 31536000"), "\(run.err)")
        // The largest accepted value still passes.
        try "formats = [\"markdown\"]\n[inbox]\nrescan_interval = 31536000\n".write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try runDigestd(["check-config", "--config", config]).status == 0)
    }
}
