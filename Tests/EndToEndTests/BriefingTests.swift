import Digest
import Foundation
import Testing

/// `digestd briefing`: the message read back by Python's `email` parser (an independent MIME
/// implementation), and sending through a sendmail program, recorded once in the ledger.
@Suite(.serialized) struct BriefingTests {
    static let articles = [
        ("cafe.md", "# Café owners in Sørvik ask for longer terraces\n\nThe café owners' association in Sørvik asked the council for longer terrace hours. The council will answer in March. Owners say the summer season is short.\n"),
        ("ferry.txt", "Ferry timetable\n\nThe ferry will run every hour from Monday. Tickets cost four crowns. The harbour office has the details.\n"),
    ]

    /// A workspace whose ledger holds today's two articles; returns it and the day.
    static func recordedDay() async throws -> (Workspace, String) {
        let ws = Workspace()
        let service = try ServiceProcess(ws, environment: ["DIGESTD_CONFIG": ""])
        #expect(await service.waitUntilReady())
        for (name, text) in articles { try text.write(toFile: ws.inbox + "/" + name, atomically: false, encoding: .utf8) }
        #expect(await ws.waitForEntries { $0.count == articles.count }.count == articles.count)
        #expect(await service.stop() == 0)
        let day = try #require(FileManager.default.contentsOfDirectory(atPath: ws.digests).first { $0.hasSuffix(".md") }).dropLast(3)
        return (ws, String(day))
    }

    /// Parses a message with Python's `email` package; returns JSON facts about it.
    static func parse(_ message: String) throws -> [String: Any] {
        let script = """
        import email, email.policy, json, sys
        raw = sys.stdin.buffer.read()
        m = email.message_from_bytes(raw, policy=email.policy.default)
        parts = [p for p in m.walk() if not p.is_multipart()]
        raw_subject = [l for l in raw.decode('ascii').split('\\n') if l.startswith('Subject:')][0]
        print(json.dumps({
          'content_type': m.get_content_type(),
          'subject': str(m['subject']), 'raw_subject': raw_subject,
          'from': str(m['from']), 'to': str(m['to']), 'date': str(m['date']), 'message_id': str(m['message-id']),
          'mime_version': str(m['mime-version']),
          'parts': [[p.get_content_type(), p.get_content_charset(), p.get_content()] for p in parts],
          'defects': len(m.defects) + sum(len(p.defects) for p in parts),
        }))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(message.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func printedMessageHasHeadersBothPartsAndEncodedSubject() async throws {
        let (ws, day) = try await Self.recordedDay()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "[briefing]\nmail_to = \"Ann Ödegaard <ann@example.org>\"\nmail_from = \"news@example.org\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try runDigestd(["briefing", day, "--print", "--config", config, "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state])
        #expect(result.status == 0, "\(result.err)")
        // 7-bit on the wire: non-ASCII only as encoded words and quoted-printable.
        #expect(result.out.utf8.allSatisfy { $0 < 0x80 })
        let m = try Self.parse(result.out)
        #expect(m["content_type"] as? String == "multipart/alternative")
        #expect(m["subject"] as? String == "Digest for \(MarkdownDigest.longDate(day)) — 2 articles")
        let rawSubject = try #require(m["raw_subject"] as? String)
        #expect(rawSubject.lowercased().contains("=?utf-8?"), "RFC 2047: \(rawSubject)")
        #expect(m["from"] as? String == "news@example.org")
        #expect(m["to"] as? String == "Ann Ödegaard <ann@example.org>")
        #expect((m["date"] as? String)?.isEmpty == false)
        #expect((m["message_id"] as? String)?.hasPrefix("<") == true)
        #expect(m["mime_version"] as? String == "1.0")
        #expect(m["defects"] as? Int == 0)
        let parts = try #require(m["parts"] as? [[Any]])
        #expect(parts.map { $0[0] as? String } == ["text/plain", "text/html"])
        #expect(parts.map { $0[1] as? String } == ["utf-8", "utf-8"])
        let text = try #require(parts[0][2] as? String)
        let html = try #require(parts[1][2] as? String)
        // The text part is the Markdown digest; both hold every title, non-ASCII intact.
        let markdown = try String(contentsOfFile: ws.digests + "/\(day).md", encoding: .utf8)
        #expect(text == markdown)
        for title in ["Café owners in Sørvik ask for longer terraces", "Ferry timetable"] {
            #expect(text.contains(title))
            #expect(html.contains(title))
        }
        // The HTML: styles inlined, nothing fetched, no links into the digest folder.
        #expect(!html.contains("<style") && !html.contains("<link") && !html.contains("var(--"))
        #expect(!html.contains("href=") && !html.contains("src="))
        #expect(html.contains("<h1 style=\""))
    }

    @Test func defaultFromIsDigestdAtTheHostName() async throws {
        let (ws, day) = try await Self.recordedDay()
        defer { ws.remove() }
        let result = try runDigestd(["briefing", day, "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state], environment: ["DIGESTD_CONFIG": ""])
        #expect(result.status == 0)
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        let host = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let from = try #require(try Self.parse(result.out)["from"] as? String)
        #expect(from == "digestd <digestd@\(host)>")
    }

    @Test func sendPipesToSendmailOnceAndResendOverrides() async throws {
        let (ws, day) = try await Self.recordedDay()
        defer { ws.remove() }
        // A sendmail program that keeps each message it is given, as an MTA's queue would.
        let spool = ws.root + "/spool"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        let sendmail = ws.root + "/sendmail"
        try "#!/bin/sh\n[ \"$1 $2\" = \"-t -oi\" ] || { echo \"bad arguments: $*\" >&2; exit 64; }\ncat > \(spool)/$(date +%s%N).eml\n"
            .write(toFile: sendmail, atomically: true, encoding: .utf8)
        chmod(sendmail, 0o755)
        let config = ws.root + "/digestd.toml"
        try "[briefing]\nmail_to = \"ann@example.org\"\nsendmail = \"\(sendmail) -t -oi\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let paths = ["--config", config, "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state]
        let env = ["DIGESTD_LOG": "stderr"]
        let first = try runDigestd(["briefing", day, "--send"] + paths, environment: env)
        #expect(first.status == 0, "\(first.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 1)
        let second = try runDigestd(["briefing", day, "--send"] + paths, environment: env)
        #expect(second.status == 0)
        #expect(second.out.contains("already sent"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 1)
        let again = try runDigestd(["briefing", day, "--send", "--resend"] + paths, environment: env)
        #expect(again.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 2)
        let sent = try FileManager.default.contentsOfDirectory(atPath: spool).sorted().map { try String(contentsOfFile: spool + "/" + $0, encoding: .utf8) }
        #expect(try Self.parse(sent[0])["to"] as? String == "ann@example.org")
    }

    @Test func aFailingSendmailExitsNonZeroWithItsMessageAndIsNotRecorded() async throws {
        let (ws, day) = try await Self.recordedDay()
        defer { ws.remove() }
        let sendmail = ws.root + "/sendmail"
        try "#!/bin/sh\ncat > /dev/null\necho 'sendmail: fatal: no such user: ann' >&2\nexit 67\n".write(toFile: sendmail, atomically: true, encoding: .utf8)
        chmod(sendmail, 0o755)
        let config = ws.root + "/digestd.toml"
        try "[briefing]\nmail_to = \"ann@example.org\"\nsendmail = \"\(sendmail)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let paths = ["--config", config, "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state]
        let failed = try runDigestd(["briefing", day, "--send"] + paths, environment: ["DIGESTD_LOG": "stderr"])
        #expect(failed.status != 0)
        #expect(failed.err.contains("sendmail: fatal: no such user: ann"))
        #expect(failed.err.contains("MESSAGE_ID=1decaaa6478d48f4af3bc262a5bc5deb"))
        // Not recorded: a working sendmail sends it next time.
        try "#!/bin/sh\ncat > \(ws.root)/sent.eml\n".write(toFile: sendmail, atomically: true, encoding: .utf8)
        chmod(sendmail, 0o755)
        let retried = try runDigestd(["briefing", day, "--send"] + paths, environment: ["DIGESTD_LOG": "stderr"])
        #expect(retried.status == 0, "\(retried.err)")
        #expect(FileManager.default.fileExists(atPath: ws.root + "/sent.eml"))
        // A missing program: a clear message, non-zero.
        try "[briefing]\nmail_to = \"ann@example.org\"\nsendmail = \"/nonexistent/sendmail -t\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let missing = try runDigestd(["briefing", day, "--send", "--resend"] + paths, environment: ["DIGESTD_LOG": "stderr"])
        #expect(missing.status != 0)
        #expect(missing.err.contains("cannot start /nonexistent/sendmail"))
    }

    @Test func checkTellsWhetherMailToIsSet() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "formats = [\"markdown\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try runDigestd(["briefing", "--check", "--config", config]).status == 1)
        try "[briefing]\nmail_to = \"ann@example.org\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try runDigestd(["briefing", "--check", "--config", config]).status == 0)
        // Every [briefing] key is checked.
        try "[briefing]\nmail_to = \"not an address\"\nmail_from = 3\nsendmail = \"sendmail -t\"\nday = \"tomorrow\"\nmail_too = \"x\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let bad = try runDigestd(["check-config", "--config", config])
        #expect(bad.status == 78)
        for expected in ["line 2: briefing.mail_to", "line 3: briefing.mail_from: must be a string", "line 4: briefing.sendmail",
                         "line 5: briefing.day", "line 6: briefing.mail_too: unknown key (did you mean \"mail_to\"?)"] {
            #expect(bad.err.contains(expected), "\(expected) in \(bad.err)")
        }
    }
}
