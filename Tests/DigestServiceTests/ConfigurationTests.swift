import Foundation
import Testing
@testable import DigestService

@Suite struct ConfigurationTests {
    @Test func designSketchParses() throws {
        let text = """
        watch  = "/var/spool/digestd/inbox"   # read-only to the service
        output = "/var/lib/digestd/digests"
        state  = "/var/lib/digestd"
        timezone = "Europe/Paris"
        formats  = ["markdown", "html", "atom"]

        [summary]
        sentences = 4
        language  = "auto"

        [inbox]
        extensions = ["txt", "md"]
        max_bytes  = 10_000_000
        ignore     = [".*", "*~"]
        """
        let c = try Configuration.parse(text, file: "t.toml")
        #expect(c.watch == "/var/spool/digestd/inbox")
        #expect(c.timezone == "Europe/Paris")
        #expect(c.formats == ["markdown", "html", "atom"])
        #expect(c.sentences == 4)
        #expect(c.extensions == ["txt", "md"])
        #expect(c.maxBytes == 10_000_000)
        #expect(c.ignore == [".*", "*~"])
    }

    @Test func everyProblemNamesKeyAndLine() {
        let text = "watch = 3\ntimezone = \"Mars/Olympus\"\n\n[summary]\nsentences = 0\nsentencs = 2\n[extra]\n"
        #expect {
            try Configuration.parse(text, file: "t.toml")
        } throws: { error in
            guard case .invalid(_, let problems) = error as? ConfigurationError else { return false }
            return problems.contains("line 1: watch: must be a string")
                && problems.contains { $0.hasPrefix("line 2: timezone: unknown time zone") }
                && problems.contains("line 5: summary.sentences: must be at least 1, not 0")
                && problems.contains("line 6: summary.sentencs: unknown key (did you mean \"sentences\"?)")
                && problems.contains("line 7: extra: unknown key")
        }
    }

    @Test func syntaxErrorGivesItsLine() {
        #expect {
            try Configuration.parse("watch = \"/a\"\noutput = \n", file: "t.toml")
        } throws: { error in
            guard case .invalid(_, let problems) = error as? ConfigurationError else { return false }
            return problems.count == 1 && problems[0].hasPrefix("line 2:")
        }
    }

    @Test func emptyFileGivesTheDefaults() throws {
        #expect(try Configuration.parse("", file: "t.toml") == Configuration())
    }

    @Test func embeddedDefaultsWriteThePackagedFormats() throws {
        let packaged = try String(contentsOfFile: Self.repo + "/packaging/digestd.toml", encoding: .utf8)
        #expect(Configuration().formats == (try Configuration.parse(packaged, file: "digestd.toml")).formats)
        #expect(Configuration().formats == ["markdown", "html", "atom"])
    }

    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    @Test func anUnclosedStringIsToldInPlainWords() {
        for text in ["watch = \"/a\"\noutput = \"/b\"\nstate = \"/c\n", "watch = \"/a\"\n\nstate = '/c\n"] {
            #expect {
                try Configuration.parse(text, file: "t.toml")
            } throws: { error in
                guard case .invalid(_, let problems) = error as? ConfigurationError else { return false }
                return problems == ["line 3: a string is not closed (a quote is missing)"]
            }
        }
    }

    @Test func unknownKeysGetTheNearestKnownKey() {
        #expect(Configuration.unknownKey("wacth", in: "") == "unknown key (did you mean \"watch\"?)")
        #expect(Configuration.unknownKey("feeddays", in: "") == "unknown key (did you mean \"feed_days\"?)")
        #expect(Configuration.unknownKey("maxbytes", in: "inbox") == "unknown key (did you mean \"max_bytes\"?)")
        #expect(Configuration.unknownKey("mailto", in: "briefing") == "unknown key (did you mean \"mail_to\"?)")
        #expect(Configuration.unknownKey("colour", in: "") == "unknown key")
        #expect(Configuration.levenshtein(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }

    @Test func briefingKeysAreRead() throws {
        let c = try Configuration.parse("[briefing]\nmail_to = \"Ann <ann@example.org>, bo@example.org\"\nmail_from = \"news@example.org\"\nsendmail = \"/usr/sbin/sendmail -t -oi -f news@example.org\"\nday = \"today\"\n", file: "t.toml")
        #expect(c.mailTo == "Ann <ann@example.org>, bo@example.org")
        #expect(c.mailFrom == "news@example.org")
        #expect(c.sendmail == "/usr/sbin/sendmail -t -oi -f news@example.org")
        #expect(c.briefingDay == "today")
        #expect(Configuration().mailTo == "" && Configuration().sendmail == "/usr/sbin/sendmail -t -oi" && Configuration().briefingDay == "yesterday")
    }

    @Test func lookupRuleOrder() throws {
        let readable = NSTemporaryDirectory() + "digestd-lookup-\(UUID().uuidString).toml"
        try "".write(toFile: readable, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: readable) }
        let missing = "/nonexistent/digestd.toml"
        // --config first, then $DIGESTD_CONFIG, then the system file when readable, then none.
        #expect(ConfigurationLookup.file(option: "/x.toml", environment: ["DIGESTD_CONFIG": "/y.toml"], systemFile: readable) == "/x.toml")
        #expect(ConfigurationLookup.file(option: nil, environment: ["DIGESTD_CONFIG": "/y.toml"], systemFile: readable) == "/y.toml")
        #expect(ConfigurationLookup.file(option: nil, environment: ["DIGESTD_CONFIG": ""], systemFile: readable) == readable)
        #expect(ConfigurationLookup.file(option: nil, environment: [:], systemFile: readable) == readable)
        #expect(ConfigurationLookup.file(option: nil, environment: [:], systemFile: missing) == nil)
        if getuid() != 0 {
            chmod(readable, 0)
            #expect(ConfigurationLookup.file(option: nil, environment: [:], systemFile: readable) == nil)
        }
    }
}

@Suite struct ArticleTitleTests {
    @Test(arguments: [
        ("harbour-dredging.txt", "Harbour dredging"),
        ("council_budget_vote.md", "Council budget vote"),
        ("Ferry timetable v2.txt", "Ferry timetable v2"),
        ("f01-harbour-dredging.txt", "F01 harbour dredging"),
    ])
    func readableNamesAreKept(name: String, title: String) {
        #expect(ArticleTitle.fallback(fileName: name, leadSentence: "Something else.") == title)
    }

    @Test func machineNamesUseTheLeadSentence() {
        let lead = "Egypt’s intelligence chief held a meeting with the commander of the Libyan National Army in Benghazi on Saturday."
        let title = ArticleTitle.fallback(fileName: "000_b455b3c4f67c5f93.txt", leadSentence: lead)
        #expect(title == "Egypt’s intelligence chief held a meeting with the commander")
        #expect(!title.contains("…"))
        #expect(ArticleTitle.fallback(fileName: "2026-11-29-0001.txt", leadSentence: "Short lead.") == "Short lead")
    }

    /// A new user's digest titled entries `Cnndm test 000627` and `F36 transcript`.
    @Test(arguments: ["cnndm-test-000627.txt", "F36-transcript.txt", "notes.txt",
                      "council-vote-2026-11-29.txt", "IMG_20261129.txt", "deadbeef-cafe.txt"])
    func idsCorpusNamesAndSingleWordsUseTheLeadSentence(name: String) {
        #expect(ArticleTitle.fallback(fileName: name, leadSentence: "The ferry crews returned on Monday.")
            == "The ferry crews returned on Monday")
        // Without a lead sentence, the file name is all there is.
        #expect(ArticleTitle.fallback(fileName: name, leadSentence: nil) == ArticleTitle.fromFileName(name))
    }
}

@Suite struct PrepareWorkersConfigurationTests {
    @Test func prepareWorkersIsReadAndBounded() throws {
        #expect(try Configuration.parse("", file: "t.toml").prepareWorkers == 0)
        #expect(try Configuration.parse("prepare_workers = 3\n", file: "t.toml").prepareWorkers == 3)
        #expect(PrepareStage.workers(try Configuration.parse("prepare_workers = 3\n", file: "t.toml")) == 3)
        #expect(PrepareStage.workers(Configuration()) == ProcessInfo.processInfo.activeProcessorCount)
        for bad in ["-1", "65", "\"auto\""] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try Configuration.parse("prepare_workers = \(bad)\n", file: "t.toml") }
        }
    }

    /// The parallel map keeps the batch's order whatever the number of threads.
    @Test func prepareStageKeepsOrder() {
        let items = Array(0..<257)
        for workers in [1, 2, 3, 8] {
            #expect(PrepareStage.map(items, workers: workers) { $0 * $0 } == items.map { $0 * $0 })
        }
        #expect(PrepareStage.map([Int](), workers: 4) { $0 }.isEmpty)
    }
}

@Suite struct WorkQueueTests {
    @Test func filesAreDeduplicatedAndControlGoesFirst() {
        let queue = WorkQueue()
        queue.enqueue(.file(name: "a.txt", foundAtStartup: false))
        queue.enqueue(.file(name: "b.txt", foundAtStartup: false))
        queue.enqueue(.file(name: "a.txt", foundAtStartup: false))
        queue.enqueue(.reload)
        #expect(queue.count == 3)
        #expect(queue.next() == .reload)
        #expect(queue.next() == .file(name: "a.txt", foundAtStartup: false))
        #expect(queue.next() == .file(name: "b.txt", foundAtStartup: false))
        queue.close()
        #expect(queue.next() == nil)
    }

    /// The backlog the render policy sees counts what brings articles, not timers: a trim
    /// queued behind the last file of a burst once kept that file's held-back write from being
    /// scheduled, and the burst's last articles stayed out of the digest.
    @Test func arrivalsCountFilesRechecksAndRescansNotTimers() {
        let queue = WorkQueue()
        queue.enqueue(.file(name: "last.txt", foundAtStartup: false))
        queue.enqueue(.trim)
        queue.enqueue(.flush)
        queue.enqueue(.reload)
        #expect(queue.count == 4)
        #expect(queue.arrivals == 1)
        #expect(queue.next() == .trim)
        #expect(queue.arrivals == 1)
        queue.enqueue(.recheck(name: "slow.txt"))
        queue.enqueue(.rescan(reason: "overflow"))
        #expect(queue.arrivals == 3)
        while queue.count > 0 { _ = queue.next() }
        #expect(queue.arrivals == 0)
    }

    /// The consumer blocks on its own thread until a producer (here the test's task) enqueues.
    @Test func aWaitingConsumerThreadIsWokenByAProducer() async {
        let queue = WorkQueue()
        let got = await withCheckedContinuation { (continuation: CheckedContinuation<Work?, Never>) in
            Thread { continuation.resume(returning: queue.next()) }.start()
            Task {
                try? await Task.sleep(for: .milliseconds(50))
                queue.enqueue(.file(name: "late.txt", foundAtStartup: true))
            }
        }
        #expect(got == .file(name: "late.txt", foundAtStartup: true))
    }

    @Test func closeWakesABlockedConsumer() async {
        let queue = WorkQueue()
        let got = await withCheckedContinuation { (continuation: CheckedContinuation<Work?, Never>) in
            Thread { continuation.resume(returning: queue.next()) }.start()
            Task {
                try? await Task.sleep(for: .milliseconds(50))
                queue.close()
            }
        }
        #expect(got == nil)
        queue.enqueue(.reload)
        #expect(queue.count == 0)
    }

    /// A batch for the prepare stage takes only files that are waiting, never past a control item.
    @Test func nextFileIfReadyStopsAtControlItemsAndNeverWaits() {
        let queue = WorkQueue()
        #expect(queue.nextFileIfReady() == nil)
        queue.enqueue(.file(name: "a.txt", foundAtStartup: true))
        queue.enqueue(.file(name: "b.txt", foundAtStartup: false))
        #expect(queue.nextFileIfReady().map { "\($0.name) \($0.foundAtStartup)" } == "a.txt true")
        queue.enqueue(.reload)
        #expect(queue.nextFileIfReady() == nil)
        #expect(queue.next() == .reload)
        #expect(queue.nextFileIfReady()?.name == "b.txt")
        #expect(queue.count == 0)
    }
}

@Suite struct WorkQueueNormalizationTests {
    @Test func namesThatDifferOnlyInNormalizationAreTwoFiles() async {
        let queue = WorkQueue()
        let nfc = "caf\u{E9}.txt", nfd = "cafe\u{301}.txt"
        #expect(nfc == nfd) // Swift's String equality is canonical equivalence…
        queue.enqueue(.file(name: nfc, foundAtStartup: false))
        queue.enqueue(.file(name: nfd, foundAtStartup: false))
        #expect(queue.count == 2) // …but these are two entries on disk.
    }
}

@Suite struct FolderOverlapTests {
    @Test func outputOrStateInsideTheInboxIsRefused() {
        #expect(throws: ConfigurationError.self) {
            try Configuration.parse("watch = \"/x/same\"\noutput = \"/x/same\"\n", file: "t.toml")
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationSource(watch: "/x/in", output: "/x/out", state: "/x/in/.state").load()
        }
        #expect(throws: Never.self) {
            try ConfigurationSource(watch: "/x/in", output: "/x/out", state: "/x/state").load()
        }
    }
}

@Suite struct LanguageSettingTests {
    @Test func unknownLanguageIsRefusedWithTheChoices() {
        #expect {
            try Configuration.parse("[summary]\nlanguage = \"klingon\"\n", file: "t.toml")
        } throws: { error in
            guard case .invalid(_, let problems) = error as? ConfigurationError else { return false }
            return problems.count == 1 && problems[0].hasPrefix("line 2: summary.language: unknown language \"klingon\"")
                && problems[0].contains("german")
        }
        #expect(throws: Never.self) { try Configuration.parse("[summary]\nlanguage = \"german\"\n", file: "t.toml") }
    }

    /// Issue 13: invalid UTF-8 in the file is a configuration error naming line and byte, not
    /// text silently replaced with U+FFFD.
    @Test func invalidUTF8IsAConfigurationError() throws {
        let path = NSTemporaryDirectory() + "digestd-config-" + UUID().uuidString + ".toml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("timezone = \"UTC\"\nwatch = \"/srv/in".utf8) + Data([0xFF, 0xFE]) + Data("box\"\n".utf8))
        #expect {
            _ = try Configuration.load(path: path)
        } throws: { error in
            "\(error)".contains("line 2: not valid UTF-8 (byte 34)")
        }
        FileManager.default.createFile(atPath: path, contents: Data("watch = \"/srv/inbox-é\"\n".utf8))
        #expect(try Configuration.load(path: path).watch == "/srv/inbox-é")
    }

    /// Found by `scripts/fuzz config`: a table header starting with a character no key starts
    /// with made toml++ abort the process (an assertion), so a typo in the file stopped
    /// `check-config` and a reload. Smallest inputs, each now a configuration error with its line.
    @Test(arguments: ["[)", "[)nbox]", "[[)]]", "[ )", "[\t)]", "[.a]", "[{", "[+", "[[", "[=", "[#", "[,", "[", "[ ", "[\r\0;a e", "[[[summary}", "# ,\r\n[\r\rg"])
    func tableHeaderWithoutAKeyIsAnErrorNotAnAbort(header: String) {
        #expect {
            _ = try Configuration.parse("timezone = \"UTC\"\n" + header + "\n", file: "fuzz.toml")
        } throws: { error in
            // The header is on line 2, or line 3 when the input holds a line of its own first.
            "\(error)".contains("line \(header.contains("\r\n") ? 3 : 2): a table header must")
        }
    }

    /// Found by `scripts/fuzz config` (20-minute run): a byte-order mark before the bad header
    /// hid it from the check above, and toml++ (which skips the mark) aborted on `[[[`.
    @Test(arguments: ["\u{FEFF}[[[", "\u{FEFF}[)", "\u{FEFF} [.a]"])
    func tableHeaderAfterAByteOrderMarkIsAnErrorNotAnAbort(text: String) {
        #expect {
            _ = try Configuration.parse(text, file: "fuzz.toml")
        } throws: { error in
            "\(error)".contains("line 1: a table header must")
        }
    }

    @Test func aByteOrderMarkBeforeAValidFileIsIgnored() throws {
        #expect(try Configuration.parse("\u{FEFF}[summary]\nsentences = 2\n", file: "bom.toml").sentences == 2)
    }

    @Test func validTablesAndArraysStillParse() throws {
        let config = try Configuration.parse("formats = [\n  \"markdown\",\n  \"json\",\n]\n[inbox]\nmax_bytes = 100\n[ summary ]\nsentences = 2\n", file: "ok.toml")
        #expect(config.formats == ["markdown", "json"])
        #expect(config.sentences == 2)
    }

    /// Found by `scripts/fuzz config` (second run): `}` where an array element should start made
    /// toml++ assert (debug) or assume the impossible (release). Smallest inputs.
    @Test(arguments: ["extensions = [}", "a = [1,}", "a = [ # c\n }]", "a = [\n}", "a = [[}]]"])
    func braceWhereAValueShouldBeIsAnErrorNotAnAbort(text: String) {
        #expect {
            _ = try Configuration.parse(text + "\n", file: "fuzz.toml")
        } throws: { error in
            "\(error)".contains("\"}\" where a value should be")
        }
    }

    @Test func bracesInsideStringsAndCommentsAreText() throws {
        let config = try Configuration.parse("# [} a comment\nwatch = \"/srv/[}\"\nformats = ['markdown', \"json\"] # ,}\n[inbox]\nignore = [\"*,}\"]\n", file: "ok.toml")
        #expect(config.watch == "/srv/[}")
        #expect(config.ignore == ["*,}"])
    }
}

/// The briefing's default day and Subject.
@Suite struct BriefingDayTests {
    @Test func previousDayCrossesMonthsYearsAndLeapDays() {
        #expect(Briefing.previousDay("2026-11-30") == "2026-11-29")
        #expect(Briefing.previousDay("2026-12-01") == "2026-11-30")
        #expect(Briefing.previousDay("2027-01-01") == "2026-12-31")
        #expect(Briefing.previousDay("2028-03-01") == "2028-02-29")
        #expect(Briefing.previousDay("2100-03-01") == "2100-02-28")
    }

    @Test func defaultDayIsYesterdayInTheConfiguredZone() {
        var c = Configuration()
        c.timezone = "Pacific/Auckland"
        // 2026-11-30T20:00Z is 2026-12-01 09:00 in Auckland: yesterday there is 30 November.
        let now = Date(timeIntervalSince1970: 1_796_068_800)
        #expect(Briefing.defaultDay(c, now: now) == "2026-11-30")
        c.briefingDay = "today"
        #expect(Briefing.defaultDay(c, now: now) == "2026-12-01")
    }

    @Test func subjectCountsArticles() {
        #expect(Briefing.subject(day: "2026-11-30", articles: 12) == "Digest for Monday, 30 November 2026 — 12 articles")
        #expect(Briefing.subject(day: "2026-11-30", articles: 1) == "Digest for Monday, 30 November 2026 — 1 article")
    }
}
