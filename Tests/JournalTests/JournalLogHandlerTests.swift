import Foundation
import Logging
import Testing

@testable import Journal

/// Collects what the handler sends and writes, in place of journald and stderr.
final class Recorder: Sendable {
    let entries = LockedValue<[[String]]>([])
    let lines = LockedValue<[String]>([])
    /// Results the fake `sd_journal_sendv` returns, in order; `0` once used up.
    let results: LockedValue<[Int32]>

    init(results: [Int32] = []) {
        self.results = LockedValue(results)
    }

    func sink(identifier: String = "digestd") -> JournalSink {
        JournalSink(
            identifier: identifier,
            send: { fields in
                let result = self.results.withLock { $0.isEmpty ? 0 : $0.removeFirst() }
                if result >= 0 { self.entries.withLock { $0.append(fields) } }
                return result
            },
            fallback: { line in self.lines.withLock { $0.append(line) } }
        )
    }

    var sent: [[String]] { entries.withLock { $0 } }
    var stderr: [String] { lines.withLock { $0 } }
}

func value(_ field: String, in entry: [String]) -> String? {
    entry.first { $0.hasPrefix(field + "=") }.map { String($0.dropFirst(field.count + 1)) }
}

@Suite("JournalLogHandler")
struct JournalLogHandlerTests {
    func logger(_ recorder: Recorder, level: Logger.Level = .trace) -> Logger {
        let sink = recorder.sink()
        var logger = Logger(label: "test.logger") { label in JournalLogHandler(label: label, sink: sink) }
        logger.logLevel = level
        return logger
    }

    @Test("an entry carries MESSAGE, PRIORITY, SYSLOG_IDENTIFIER and CODE_* fields")
    func standardFields() throws {
        let recorder = Recorder()
        logger(recorder).warning("disk almost full")
        let entry = try #require(recorder.sent.first)
        #expect(entry.first == "MESSAGE=disk almost full")
        #expect(value("PRIORITY", in: entry) == "4")
        #expect(value("SYSLOG_IDENTIFIER", in: entry) == "digestd")
        #expect(value("CODE_FILE", in: entry) == "JournalTests/JournalLogHandlerTests.swift")
        #expect(Int(value("CODE_LINE", in: entry) ?? "") != nil)
        #expect(value("CODE_FUNC", in: entry) == "standardFields()")
        #expect(value("DIGESTD_LOGGER", in: entry) == "test.logger")
        #expect(value("TRUNCATED", in: entry) == nil)
    }

    @Test("metadata becomes fields with sanitized names")
    func metadataFields() throws {
        let recorder = Recorder()
        var log = logger(recorder)
        log[metadataKey: "article.path"] = "/inbox/a.txt"
        log.info("summarized", metadata: [
            JournalField.article: "/inbox/a.txt", JournalField.sentences: "3",
            JournalField.messageID: MessageID.articleSummarized.metadataValue, "SUMMARY-SENTENCES": "2",
        ])
        let entry = try #require(recorder.sent.first)
        #expect(value("DIGESTD_ARTICLE", in: entry) == "/inbox/a.txt")
        #expect(value("DIGESTD_SENTENCES", in: entry) == "3")
        #expect(value("ARTICLE_PATH", in: entry) == "/inbox/a.txt")
        #expect(value("SUMMARY_SENTENCES", in: entry) == "2")
        #expect(value("MESSAGE_ID", in: entry) == MessageID.articleSummarized.rawValue)
        for field in entry {
            let name = String(field.prefix { $0 != "=" })
            #expect(JournalFieldName.isValid(name), "\(name)")
        }
    }

    @Test("metadata cannot replace the handler's own fields")
    func collisions() throws {
        let recorder = Recorder()
        logger(recorder).info("hello", metadata: ["message": "other", "PRIORITY": "0"])
        let entry = try #require(recorder.sent.first)
        #expect(entry.filter { $0.hasPrefix("MESSAGE=") } == ["MESSAGE=hello"])
        #expect(entry.filter { $0.hasPrefix("PRIORITY=") } == ["PRIORITY=6"])
        #expect(value("X_MESSAGE", in: entry) == "other")
        #expect(value("X_PRIORITY", in: entry) == "0")
    }

    @Test("a pair with an empty name is dropped, with a debug entry saying so")
    func emptyName() throws {
        let recorder = Recorder()
        logger(recorder).info("hello", metadata: ["": "lost", "KEPT": "yes"])
        #expect(recorder.sent.count == 2)
        let entry = try #require(recorder.sent.first)
        #expect(!entry.contains { $0.hasPrefix("=") })
        #expect(value("KEPT", in: entry) == "yes")
        let note = try #require(recorder.sent.last)
        #expect(value("PRIORITY", in: note) == "7")
        #expect(value("MESSAGE", in: note)?.contains("empty field name") == true)
    }

    @Test("values hold no control characters; a long one is capped and TRUNCATED=1 set")
    func valuesCleanedAndCapped() throws {
        let recorder = Recorder()
        let long = String(repeating: "x", count: 300_000)
        logger(recorder).error("line one\nline two\u{1b}", metadata: [JournalField.article: "\(long)"])
        let entry = try #require(recorder.sent.first)
        #expect(value("MESSAGE", in: entry) == "line one line two ")
        let article = try #require(value("DIGESTD_ARTICLE", in: entry))
        #expect(article.utf8.count <= JournalLogHandler.maxValueBytes)
        #expect(article.hasSuffix("…"))
        #expect(value("TRUNCATED", in: entry) == "1")
        for field in entry {
            #expect(!field.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
    }

    @Test("a failed send goes to stderr and is reported once sending works again")
    func lossCountedAndReported() throws {
        let recorder = Recorder(results: [-111, -111, 0, 0, 0])
        let log = logger(recorder)
        log.info("first", metadata: ["K": "v"])
        log.info("second")
        #expect(recorder.sent.isEmpty)
        #expect(recorder.stderr.count == 2)
        #expect(recorder.stderr[0].contains(" info first K=v [journal send failed: errno 111"))
        log.info("third")
        #expect(recorder.sent.count == 2)
        let report = try #require(recorder.sent.last)
        #expect(value("MESSAGE", in: report) == "2 log messages lost (journal send failed; they went to stderr)")
        #expect(value("DIGESTD_LOST_MESSAGES", in: report) == "2")
        #expect(value("MESSAGE_ID", in: report) == MessageID.logMessagesLost.rawValue)
        log.info("fourth")
        #expect(recorder.sent.count == 3)  // reported only once
    }

    @Test("the error of a log event is sent as DIGESTD_ERROR")
    func errorField() throws {
        struct Boom: Error {}
        let recorder = Recorder()
        let sink = recorder.sink()
        let handler = JournalLogHandler(label: "x", sink: sink)
        handler.log(event: LogEvent(level: .error, message: "failed", error: Boom(), metadata: nil, source: "s", file: "f", function: "g", line: 1))
        let entry = try #require(recorder.sent.first)
        #expect(value("DIGESTD_ERROR", in: entry) == "Boom()")
    }
}

@Suite("StderrLogHandler")
struct StderrLogHandlerTests {
    @Test("a line is timestamp, level, message and sorted key=value pairs")
    func lineFormat() {
        let line = StderrLogHandler.line(
            level: .warning, message: "two\nlines",
            metadata: ["b": "has space", "a": "1", "c": "q\"uote"], now: timespec(tv_sec: 0, tv_nsec: 5_000_000)
        )
        let parts = line.split(separator: " ", maxSplits: 1)
        #expect(parts[0].wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.005[+-]\d\d:\d\d/) != nil)
        #expect(parts[1] == #"warning two lines a=1 b="has space" c="q\"uote""#)
    }
}

@Suite("Backend choice")
struct JournalLoggingTests {
    static let pipe = JournalLogging.StandardError(isTerminal: false, device: 11, inode: 22)
    static let terminal = JournalLogging.StandardError(isTerminal: true, device: 11, inode: 33)

    @Test("systemd's journal stream or INVOCATION_ID choose the journal, a terminal or a plain pipe stderr, DIGESTD_LOG wins")
    func choice() {
        func choose(_ env: [String: String], socket: Bool = true, _ stderr: JournalLogging.StandardError = JournalLoggingTests.pipe) -> JournalLogging.Backend {
            JournalLogging.chooseBackend(environment: env, journalSocketExists: socket, stderr: stderr)
        }
        // A new user's `digestd run` in a terminal on a host where journald runs: stderr.
        #expect(choose([:], Self.terminal) == .stderr)
        // Piped or redirected by someone other than systemd (shell, cron): stderr.
        #expect(choose([:]) == .stderr)
        // systemd connected stderr to the journal: JOURNAL_STREAM names fd 2.
        #expect(choose(["JOURNAL_STREAM": "11:22"]) == .journal)
        // Inherited JOURNAL_STREAM but stderr is elsewhere (a terminal, another pipe).
        #expect(choose(["JOURNAL_STREAM": "11:22"], Self.terminal) == .stderr)
        #expect(choose(["JOURNAL_STREAM": "11:99"]) == .stderr)
        #expect(choose(["JOURNAL_STREAM": "garbage"]) == .stderr)
        // Started by systemd with stderr not on the journal stream (e.g. StandardError=null).
        #expect(choose(["INVOCATION_ID": "0f3c9a"]) == .journal)
        // A desktop shell inherits INVOCATION_ID from the terminal emulator's unit: the terminal wins.
        #expect(choose(["INVOCATION_ID": "0f3c9a", "JOURNAL_STREAM": "11:22"], Self.terminal) == .stderr)
        // JOURNAL_STREAM without the socket: sendv would drop silently, stderr still reaches journald.
        #expect(choose(["JOURNAL_STREAM": "11:22", "INVOCATION_ID": "x"], socket: false) == .stderr)
        #expect(choose(["DIGESTD_LOG": "stderr", "JOURNAL_STREAM": "11:22"]) == .stderr)
        #expect(choose(["DIGESTD_LOG": "journal"], socket: false, Self.terminal) == .journal)
        #expect(choose(["DIGESTD_LOG": "bogus"], socket: false) == .stderr)
    }

    @Test("JOURNAL_STREAM is compared with the real device and inode of a descriptor")
    func journalStreamMatchesRealDescriptor() throws {
        let path = NSTemporaryDirectory() + "digestd-stream-\(getpid())"
        let fd = open(path, O_CREAT | O_RDWR, 0o600)
        try #require(fd >= 0)
        defer { close(fd); unlink(path) }
        var info = stat()
        try #require(fstat(fd, &info) == 0)
        let described = JournalLogging.StandardError.of(descriptor: fd)
        #expect(described.isTerminal == false)
        #expect(JournalLogging.stderrIsJournalStream(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"], stderr: described))
        #expect(!JournalLogging.stderrIsJournalStream(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino + 1)"], stderr: described))
        #expect(!JournalLogging.stderrIsJournalStream(environment: [:], stderr: described))
    }
}
