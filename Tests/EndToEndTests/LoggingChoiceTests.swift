import Foundation
import Testing

/// Where `digestd run` reports a failed start, through the real binary: a person
/// must see why it stopped whatever the log backend (a new user's `digestd run`
/// on a Debian host printed nothing, everything went to the journal).
@Suite(.serialized) struct LoggingChoiceTests {
    /// Not started by systemd: nothing that would choose the journal.
    static let byHand = ["DIGESTD_CONFIG": "", "DIGESTD_LOG": "", "INVOCATION_ID": "", "JOURNAL_STREAM": ""]

    @Test func aMissingInboxIsReportedOnStderrWhenNotStartedBySystemd() throws {
        let ws = Workspace(createInbox: false)
        defer { ws.remove() }
        // stderr is a pipe here; on hosts with a journal socket this used to pick the journal.
        let result = try runDigestd(["run", "--watch", ws.root + "/nonexistent", "--output", ws.digests, "--state", ws.state],
                                    environment: Self.byHand)
        #expect(result.status == 66)
        #expect(result.err.contains(" error cannot watch \(ws.root)/nonexistent"))
        #expect(!result.err.contains("digestd: "))  // logged once, not repeated
    }

    @Test func aFatalStartErrorReachesStderrInOneLineWhenLoggingToTheJournal() throws {
        let ws = Workspace(createInbox: false)
        defer { ws.remove() }
        let result = try runDigestd(["run", "--watch", ws.root + "/nonexistent", "--output", ws.digests, "--state", ws.state],
                                    environment: Self.byHand.merging(["DIGESTD_LOG": "journal"]) { $1 })
        #expect(result.status == 66)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("digestd: cannot watch \(ws.root)/nonexistent") == true)
    }

    @Test func aHeldLockReachesStderrWhenLoggingToTheJournal() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let first = try ServiceProcess(ws, environment: ["DIGESTD_CONFIG": ""])
        #expect(await first.waitUntilReady())
        let second = try runDigestd(["run", "--watch", ws.inbox, "--output", ws.root + "/other", "--state", ws.state],
                                    environment: Self.byHand.merging(["DIGESTD_LOG": "journal"]) { $1 })
        #expect(second.status == 75)
        let lines = second.err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("already running") == true && lines.first?.contains("PID \(first.process.processIdentifier)") == true)
        #expect(await first.stop() == 0)
    }

    @Test func aRejectedConfigurationReachesStderrInOneLineWhenLoggingToTheJournal() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/bad.toml"
        try "wacth = \"/x\"\nmax_sentences = \"three\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try runDigestd(["run", "--config", config], environment: Self.byHand.merging(["DIGESTD_LOG": "journal"]) { $1 })
        #expect(result.status == 78)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("digestd: ") == true && lines.first?.contains("wacth") == true)
    }
}
