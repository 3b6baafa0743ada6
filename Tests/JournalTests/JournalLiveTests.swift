import Foundation
import Logging
import Testing

@testable import Journal

/// Set by `Tests/system/journal-tests.sh`, which runs these tests inside
/// `journald-sandbox` and then checks with `journalctl` what arrived.
let liveRunID = ProcessInfo.processInfo.environment["DIGESTD_JOURNAL_TEST_RUN"]

/// Sends real entries to a real journald. Skipped under a plain `swift test`
/// (no sandbox, no run id); the assertions on what journald stored are in
/// `Tests/system/journal-tests.sh`, which fails when they do not hold.
@Suite("Live journal (inside journald-sandbox only)", .enabled(if: liveRunID != nil))
struct JournalLiveTests {
    /// Entries tagged with the run id, so the script finds exactly these.
    func logger(_ sink: JournalSink, case name: String) -> Logger {
        var logger = Logger(label: "digestd.journal-tests") { label in JournalLogHandler(label: label, sink: sink) }
        logger.logLevel = .trace
        logger[metadataKey: "DIGESTD_TEST_RUN"] = "\(liveRunID ?? "")"
        logger[metadataKey: "DIGESTD_TEST_CASE"] = "\(name)"
        return logger
    }

    @Test("entries reach journald through sd_journal_sendv, none lost")
    func sendsToRealJournal() throws {
        try #require(
            FileManager.default.fileExists(atPath: JournalLogging.journalSocketPath),
            "DIGESTD_JOURNAL_TEST_RUN is set but there is no journal socket: run under journald-sandbox"
        )
        // The test's stderr is a pipe, as under any runner: only what systemd would set picks the journal.
        #expect(JournalLogging.chooseBackend(environment: [:]) == .stderr)
        #expect(JournalLogging.chooseBackend(environment: ["INVOCATION_ID": "\(liveRunID ?? "")"]) == .journal)
        var info = stat()
        if fstat(2, &info) == 0 {
            #expect(JournalLogging.chooseBackend(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"]) == .journal)
        }
        let lines = LockedValue<[String]>([])
        let sink = JournalSink(identifier: "digestd", fallback: { line in lines.withLock { $0.append(line) } })

        logger(sink, case: "summarized").info("article summarized", metadata: [
            JournalField.article: "/var/spool/digestd/inbox/ferry.txt",
            JournalField.sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            JournalField.sentences: "3",
            JournalField.durationUsec: "1234",
            JournalField.messageID: MessageID.articleSummarized.metadataValue,
            "article.path": "/var/spool/digestd/inbox/ferry.txt",
        ])
        logger(sink, case: "long").warning("a very long value", metadata: [
            JournalField.article: "\(String(repeating: "0", count: 250)).txt",
            JournalField.reason: "\(String(repeating: "harbour budget ", count: 20_000))",
        ])
        logger(sink, case: "control").error("line one\nline two\tend\u{1}\u{7f}\u{85}", metadata: [
            JournalField.reason: "bi\u{0}nary\r\n",
            JournalField.errno: "2",
        ])
        for level in Logger.Level.allCases {
            logger(sink, case: "level-\(level.rawValue)").log(level: level, "level \(level.rawValue)")
        }
        #expect(sink.lostCount == 0)
        #expect(lines.withLock { $0 }.isEmpty)
    }
}
