import Foundation
import Testing

/// Findings of new-user trials and breakers, each on the built binary: real files, real
/// processes, the real ledger.
@Suite(.serialized) struct NewUserFindingsTests {
    // MARK: summarize with several files

    /// `summarize A B` printed both summaries run together, with nothing to tell where one
    /// ended. Now, as `extract` and head(1): a `==> FILE <==` line before each, a blank line
    /// after; one file alone has no header.
    @Test func summarizeLabelsEachFileWhenGivenSeveral() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let harbour = ws.root + "/harbour.txt", library = ws.root + "/library.md"
        try "Harbour reopens\n\nThe harbour reopened on Monday after three days. Ferries run again from Tuesday. The harbour master said the breakwater held.\n"
            .write(toFile: harbour, atomically: true, encoding: .utf8)
        try "# Library opens late\n\nThe library stays open until nine from next month. A survey found most readers come after work. The change costs little.\n"
            .write(toFile: library, atomically: true, encoding: .utf8)
        let single = try runDigestd(["summarize", "-n", "1", harbour])
        #expect(single.status == 0)
        #expect(!single.out.contains("==>"))
        let both = try runDigestd(["summarize", "-n", "1", harbour, library])
        #expect(both.status == 0, "\(both.err)")
        let oneHarbour = try runDigestd(["summarize", "-n", "1", harbour]).out
        let oneLibrary = try runDigestd(["summarize", "-n", "1", library]).out
        #expect(both.out == "==> \(harbour) <==\n" + oneHarbour + "\n==> \(library) <==\n" + oneLibrary + "\n")
        // An input with no text is named on stderr and gets no header; the others keep theirs.
        let empty = ws.root + "/empty.txt"
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        let withEmpty = try runDigestd(["summarize", "-n", "1", harbour, empty])
        #expect(withEmpty.status == 65)
        #expect(withEmpty.out == "==> \(harbour) <==\n" + oneHarbour + "\n")
        #expect(withEmpty.err.contains("empty.txt"))
    }

    // MARK: check-config and the inbox

    /// `check-config` said "ok" for an inbox that `run` then could not watch. It now checks the
    /// `watch` folder as this user finds it: not a folder, not readable, or missing where it
    /// cannot be made is a problem (exit 78, a line naming the file and the key); missing where
    /// it can be made is a warning (`run` does not create it), exit 0.
    @Test func checkConfigReportsAnInboxThatCannotBeWatched() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        func check(watch: String) throws -> (status: Int32, out: String, err: String) {
            try "watch = \"\(watch)\"\noutput = \"\(ws.digests)\"\nstate = \"\(ws.state)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
            return try runDigestd(["check-config", "--config", config])
        }
        let present = try check(watch: ws.inbox)
        #expect(present.status == 0 && present.out == "\(config): ok\n" && present.err.isEmpty, "\(present)")

        let file = ws.root + "/a-file"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let notFolder = try check(watch: file)
        #expect(notFolder.status == 78)
        #expect(notFolder.err == "digestd: \(config): watch: \(file) is not a folder\n", "\(notFolder.err)")
        #expect(notFolder.out.isEmpty)

        let underFile = try check(watch: file + "/inbox")
        #expect(underFile.status == 78)
        #expect(underFile.err.contains("watch: cannot look up \(file)/inbox: Not a directory"), "\(underFile.err)")

        let creatable = try check(watch: ws.root + "/new/inbox")
        #expect(creatable.status == 0, "\(creatable.err)")
        #expect(creatable.err.contains("warning: watch: \(ws.root)/new/inbox does not exist yet"), "\(creatable.err)")

        // Permissions do not bind root, so these two hold for other users only.
        guard geteuid() != 0 else { return }
        let locked = ws.root + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        chmod(locked, 0o000)
        defer { chmod(locked, 0o755) }
        let unreadable = try check(watch: locked)
        #expect(unreadable.status == 78)
        #expect(unreadable.err.contains("watch: \(locked) is not readable: Permission denied"), "\(unreadable.err)")

        let readOnly = ws.root + "/read-only"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        chmod(readOnly, 0o555)
        defer { chmod(readOnly, 0o755) }
        let cannotMake = try check(watch: readOnly + "/inbox")
        #expect(cannotMake.status == 78)
        #expect(cannotMake.err.contains("watch: \(readOnly)/inbox does not exist and cannot be created in \(readOnly): Permission denied"),
                "\(cannotMake.err)")
        // What check-config refuses, run refuses too.
        let run = try runDigestd(["run", "--config", config], environment: ["DIGESTD_LOG": "stderr"])
        #expect(run.status != 0)
    }

    // MARK: briefing

    /// `briefing --print` of a day without articles printed an empty digest and exited 0. Now one
    /// line on stderr and EX_NOINPUT (66), with --send too (digestd-briefing.service counts 66
    /// as success), and nothing on stdout; nothing is sent or recorded.
    @Test func briefingOfADayWithoutArticlesExits66WithOneLine() async throws {
        let (ws, day) = try await BriefingTests.recordedDay()
        defer { ws.remove() }
        let paths = ["--watch", ws.inbox, "--output", ws.digests, "--state", ws.state]
        let emptyDay = "2001-02-03"
        let printed = try runDigestd(["briefing", emptyDay, "--print"] + paths, environment: ["DIGESTD_CONFIG": ""])
        #expect(printed.status == 66)
        #expect(printed.out.isEmpty)
        #expect(printed.err == "digestd: no articles for \(emptyDay) in \(ws.state); no briefing printed\n", "\(printed.err)")
        // --send: the same, and sendmail is never run.
        let spool = ws.root + "/spool"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        let sendmail = ws.root + "/sendmail"
        try "#!/bin/sh\ncat > \(spool)/message.eml\n".write(toFile: sendmail, atomically: true, encoding: .utf8)
        chmod(sendmail, 0o755)
        let config = ws.root + "/digestd.toml"
        try "[briefing]\nmail_to = \"ann@example.org\"\nsendmail = \"\(sendmail) -t -oi\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let sent = try runDigestd(["briefing", emptyDay, "--send", "--config", config] + paths, environment: ["DIGESTD_LOG": "stderr"])
        #expect(sent.status == 66)
        #expect(sent.err.contains("no articles for \(emptyDay)"), "\(sent.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty)
        // A day with articles still prints, exit 0.
        let full = try runDigestd(["briefing", day, "--print"] + paths, environment: ["DIGESTD_CONFIG": ""])
        #expect(full.status == 0 && full.out.contains("Subject:"))
        // The unit file counts 66 as success, so the timer's run on an empty day is no failure.
        let unit = try String(contentsOfFile: Repo.root + "/systemd/digestd-briefing.service", encoding: .utf8)
        #expect(unit.split(separator: "\n").contains("SuccessExitStatus=66"))
    }

    /// The Date header in the configured zone, at the offset the days are counted in
    /// (Foundation's `TimeZone`, ``DayCalendar``), and the instant is now. GLib, given the name
    /// itself, read a name without a tz file (`GMT+5`, `UTC-3`) as a POSIX TZ string, the sign
    /// the other way round: `GMT+5` was UTC+5 to the days and `-0500` in the Date header.
    /// `Etc/GMT+5` is the tz database's UTC−5 to both.
    @Test(arguments: ["Etc/GMT+5", "Etc/GMT-14", "GMT+5", "UTC-3", "Asia/Kolkata", "America/St_Johns", "UTC"])
    func briefingDateHeaderHasTheZonesOffset(_ zone: String) async throws {
        let (ws, day) = try await BriefingTests.recordedDay()
        defer { ws.remove() }
        let config = ws.root + "/digestd.toml"
        try "timezone = \"\(zone)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let before = Date()
        let result = try runDigestd(["briefing", day, "--print", "--config", config, "--watch", ws.inbox, "--output", ws.digests, "--state", ws.state])
        #expect(result.status == 0, "\(result.err)")
        let header = try #require(result.out.split(separator: "\n").first { $0.hasPrefix("Date: ") })
        // RFC 5322: "Date: Tue, 01 Dec 2026 09:26:42 -0500".
        let value = String(header.dropFirst("Date: ".count))
        let seconds = try #require(TimeZone(identifier: zone)).secondsFromGMT(for: before)
        let sign = seconds < 0 ? "-" : "+"
        let expected = String(format: "%@%02d%02d", sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        #expect(value.hasSuffix(" " + expected), "\(zone): \(value), expected offset \(expected)")
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let instant = try #require(parser.date(from: value), "\(value)")
        #expect(abs(instant.timeIntervalSince(before)) < 120, "\(value) is not now")
    }

    // MARK: Chinese and Japanese

    /// F38 is a Chinese article that quotes one Japanese paragraph: 170 Han characters and 20
    /// kana. Any kana made a text Japanese; now Japanese needs kana in at least a fifth of its
    /// Han + kana letters, so F38 is Chinese, its Japanese paragraph alone is Japanese, and a
    /// text with no kana is never Japanese.
    @Test func aChineseArticleQuotingJapaneseIsChinese() throws {
        let ws = Workspace()
        defer { ws.remove() }
        let f38 = Repo.shared + "/field-cases/F38/article.txt"
        let text = try String(contentsOfFile: f38, encoding: .utf8)
        let paragraphs = text.components(separatedBy: "\n\n")
        let japanese = try #require(paragraphs.first { $0.contains("港町") })
        let chinese = paragraphs.filter { !$0.contains("港町") }.joined(separator: "\n\n")
        #expect(!chinese.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) })
        for (name, content, language) in [("f38.txt", text, "chinese"), ("japanese.txt", japanese + "\n", "japanese"),
                                          ("chinese.txt", chinese + "\n", "chinese")] {
            let path = ws.root + "/" + name
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            for command in ["extract", "summarize"] {
                let result = try runDigestd([command, "--format", "json", path])
                #expect(result.status == 0, "\(command) \(name): \(result.err)")
                let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
                #expect(objects.first?["language"] as? String == language, "\(command) \(name)")
            }
        }
    }

    // MARK: a huge Markdown table

    /// 6 MB of a GFM table with one-letter cells (60 columns, about 49,000 rows, 3 million
    /// cells): cmark-gfm's table extension took 1.2 GB for it, enough to end the service under
    /// its MemoryMax. Over ``MarkdownExtractor/maximumTableCells`` `|` the tables are read as
    /// plain paragraphs: `extract` prints the text with a note on stderr, its peak RSS stays
    /// bounded; the service records the article and warns naming the file, its own peak
    /// (VmHWM) bounded too.
    static func gridTable(bytes: Int) -> String {
        let columns = 60
        let row = "|" + Array(repeating: "x", count: columns).joined(separator: "|") + "|\n"
        var text = "# Harbour berth grid\n\nThe port authority published the berth grid for the year. Each mark is one booked slot.\n\n"
        text += "|" + Array(repeating: "h", count: columns).joined(separator: "|") + "|\n"
        text += "|" + Array(repeating: "-", count: columns).joined(separator: "|") + "|\n"
        text += String(repeating: row, count: bytes / row.utf8.count)
        text += "\nThe harbour master said the grid fills earlier every year. Bookings open in March.\n"
        return text
    }

    /// Peak resident set of one `digestd` run, in KiB, by GNU time(1)'s `%M` (getrusage's ru_maxrss).
    static func peakKiB(_ arguments: [String], in ws: Workspace) throws -> (status: Int32, kib: Int, err: String) {
        let report = ws.root + "/time-\(UUID().uuidString.prefix(8))"
        let result = try runProgram("/usr/bin/time", ["-f", "%M", "-o", report, Repo.binary] + arguments)
        let kib = Int(try String(contentsOfFile: report, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        return (result.status, kib, result.err)
    }

    @Test func aHugeMarkdownTableIsReadAsTextWithinBoundedMemory() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/time"), "GNU time (package time) is needed")
        let ws = Workspace()
        defer { ws.remove() }
        let grid = Self.gridTable(bytes: 6_000_000)
        let file = ws.staging + "/grid.md"
        try grid.write(toFile: file, atomically: true, encoding: .utf8)
        // A small table in the same shape stays a table: rows as lines, cells joined by ", ".
        let small = ws.staging + "/small.md"
        try Self.gridTable(bytes: 2_000).write(toFile: small, atomically: true, encoding: .utf8)
        let smallResult = try runDigestd(["extract", small])
        #expect(smallResult.status == 0 && smallResult.err.isEmpty, "\(smallResult.err)")
        #expect(smallResult.out.contains("\nx, x, x, x"))

        let extract = try Self.peakKiB(["extract", file], in: ws)
        #expect(extract.status == 0, "\(extract.err)")
        #expect(extract.err.contains("grid.md: "), "\(extract.err)")
        #expect(extract.err.contains("'|' (more than 50000): tables read as plain text"), "\(extract.err)")
        // Measured: 1,364,940 KiB before (release build, table extension attached); 101,492 KiB
        // after (debug build), /usr/bin/time -f %M digestd extract, 14:40 UTC, load 6.8.
        #expect(extract.kib > 0 && extract.kib < 400 * 1024, "extract peak RSS \(extract.kib) KiB")

        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(rename(file, ws.inbox + "/grid.md") == 0)
        let entries = await ws.waitForEntries(timeout: .seconds(120)) { !$0.isEmpty }
        #expect(entries.first?.title == "Harbour berth grid")
        let status = (try? String(contentsOfFile: "/proc/\(service.process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? -1
        #expect(hwm > 0 && hwm < 600 * 1024, "service peak RSS (VmHWM) \(hwm) KiB")
        #expect(await service.stop() == 0)
        let warning = service.log.split(separator: "\n").first { $0.contains("tables read as plain text") }
        #expect(warning?.contains(ws.inbox + "/grid.md") == true, "\(service.log.suffix(2000))")
    }
}
