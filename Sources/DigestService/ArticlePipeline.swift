import Foundation
import Inbox
import Journal
import Ledger
import Logging
import Summarizer

/// Takes one inbox entry through intake → summary → ledger, in four stages: ``fetch`` (read and
/// hash) and ``prepare`` (extract and summarize) are pure and may run on several threads at once;
/// ``admit`` (skip unchanged bytes, begin the ledger step) and ``commit`` (record, end the step)
/// change the ledger and this value's warning memory, and run on the work loop only, in arrival
/// order. Rendering the digest is left to the caller, which coalesces renders.
struct ArticlePipeline: Sendable {
    var configuration: Configuration
    let ledger: Ledger
    let logger: Logger
    let clock: @Sendable () -> Date
    private(set) var reader: ArticleReader
    private(set) var policy: NamePolicy
    private(set) var summarizer: Summarizer
    private(set) var calendar: DayCalendar
    /// Paths already warned about, with the reason, so one broken entry is reported once per lifetime.
    private var warned: [String: String] = [:]
    /// Paths whose last ledger write failed, with the cause (``LedgerError/cause``).
    private var ledgerFailures: [String: String] = [:]

    init(configuration: Configuration, ledger: Ledger, logger: Logger, clock: @escaping @Sendable () -> Date) {
        self.configuration = configuration
        self.ledger = ledger
        self.logger = logger
        self.clock = clock
        reader = ArticleReader(inbox: configuration.watch, maxBytes: configuration.maxBytes)
        policy = NamePolicy(ignore: configuration.ignore, extensions: configuration.extensions)
        summarizer = Summarizer(options: SummaryOptions(sentences: configuration.sentences,
                                                        language: configuration.language == "auto" ? nil : configuration.language))
        calendar = DayCalendar(identifier: configuration.timezone) ?? DayCalendar(timeZone: .current)
    }

    /// Adopts the settings of a reloaded configuration that take effect without a restart.
    mutating func apply(_ new: Configuration) {
        var adopted = new
        adopted.watch = configuration.watch
        adopted.output = configuration.output
        adopted.state = configuration.state
        self = ArticlePipeline(configuration: adopted, ledger: ledger, logger: logger, clock: clock)
    }

    /// What became of one entry.
    enum Outcome: Sendable {
        case recorded(RecordOutcome, day: String)
        case ignored
        case skipped
        case failed(retry: Bool)
    }

    /// Whether the name may be an article at all.
    func accepts(_ name: String) -> Bool { policy.accepts(name) }

    /// Says why an entry refused by its name is not taken: once per name at info level when it
    /// has an extension that is not among those read (a `.pdf`, a `.markdown`), naming the ones
    /// that are. Ignored names (hidden, temporary, partial downloads) and names without an
    /// extension (an editor's probe file such as vim's `4913`) only at debug level, and not from
    /// a scan (which sees them again and again).
    mutating func noteNotTaken(_ name: String, fromScan: Bool = false) {
        let path = reader.inbox + "/" + name
        guard let ext = policy.unreadExtension(name), !ext.isEmpty else {
            if !fromScan { logger.debug("ignored by name", metadata: [JournalField.article: "\(path)"]) }
            return
        }
        guard warned[path] != "extension_not_read" else { return }
        warned[path] = "extension_not_read"
        let read = policy.extensions.map { "." + $0 }.joined(separator: ", ")
        logger.info("\(path): skipped: .\(ext) files are not read (read: \(read); see [inbox] extensions)", metadata: [
            JournalField.article: "\(path)", JournalField.reason: "extension_not_read",
            JournalField.messageID: MessageID.articleSkipped.metadataValue])
    }

    /// `true` when the entry was skipped because it could not be read (EACCES/EPERM), so a
    /// permission change (`IN_ATTRIB`) should make the service try again.
    func isWaitingForPermission(_ name: String) -> Bool {
        warned[reader.inbox + "/" + name] == "unreadable"
    }

    /// `true` when the entry is unchanged since it was last recorded (size and mtime), so a
    /// start-up scan need not read it.
    func isKnownUnchanged(_ name: String) -> Bool {
        guard let stamp = reader.stamp(name: name) else { return false }
        return (try? ledger.isUnchanged(path: reader.inbox + "/" + name, size: stamp.size, mtimeNanoseconds: stamp.mtimeNanoseconds)) ?? false
    }

    /// Takes the entry `name`: reads, decodes, summarizes and records it, the four stages below
    /// one after the other.
    mutating func take(name: String, foundAtStartup: Bool) -> Outcome {
        switch admit(fetch(name: name, foundAtStartup: foundAtStartup)) {
        case .done(let outcome): return outcome
        case .admitted(let ticket): return commit(prepare(ticket))
        }
    }

    /// An entry read from the inbox (stage 1 of ``take(name:foundAtStartup:)``).
    struct Fetched: Sendable {
        let name: String
        let foundAtStartup: Bool
        let started: ContinuousClock.Instant
        /// The bytes and their SHA-256; nil when the name is not an article's (``NamePolicy``).
        let result: Result<(raw: RawArticle, sha256: String), InboxError>?
    }

    /// An entry whose step is begun in the ledger: it may be prepared (stage 2's result).
    struct Ticket: Sendable {
        let fetched: Fetched
        let raw: RawArticle
        let sha256: String
        let step: String
        /// Times the service died with this article in hand (0 or 1 here: at 2 it is quarantined).
        let deaths: Int
    }

    /// What ``admit(_:)`` made of an entry.
    enum Admission: Sendable {
        /// Nothing more to do for it.
        case done(Outcome)
        /// Its step is in the ledger; ``prepare(_:)`` and ``commit(_:)`` must follow.
        case admitted(Ticket)
    }

    /// An article extracted and summarized (stage 3's result), not yet recorded.
    struct Prepared: Sendable {
        enum Content: Sendable {
            case binary
            /// An e-mail while libgmime cannot be loaded: skipped, not recorded, so that a
            /// restart with the library takes it.
            case emailUnavailable
            /// Whitespace only or plain text without words: the usual `empty` skip.
            case empty
            /// Markup with no article text.
            case markupOnly(format: String)
            case noSentence(sentenceCount: Int)
            case summary(title: String, sentences: [String], summary: Summary)
        }
        let ticket: Ticket
        let content: Content
        let repaired: Bool
        let declared: Bool
        let encoding: String
        /// Stray NUL bytes dropped from the text before it was read (``ArticleReading/droppedNULs``).
        var droppedNULs = 0
        /// Markdown tables read as text (``ExtractedArticle/tableCellsReadAsText``): the `|` count, else 0.
        var tableCellsReadAsText = 0
    }

    /// Stage 1, on any thread: reads the entry and hashes its bytes. No ledger, no logging.
    func fetch(name: String, foundAtStartup: Bool) -> Fetched {
        let started = ContinuousClock.now
        guard policy.accepts(name) else {
            return Fetched(name: name, foundAtStartup: foundAtStartup, started: started, result: nil)
        }
        let result: Result<(raw: RawArticle, sha256: String), InboxError>
        do {
            let raw = try reader.read(name: name)
            result = .success((raw, ContentHash.sha256(raw.bytes)))
        } catch {
            result = .failure(error)
        }
        return Fetched(name: name, foundAtStartup: foundAtStartup, started: started, result: result)
    }

    /// Stage 2, on the work loop only, in arrival order: reports a read failure, skips unchanged
    /// bytes, and begins the article's step in the ledger (poison quarantine: the step is in the
    /// ledger while the article is in hand; a run that dies with it leaves it, the next run
    /// retries once and the one after skips the article).
    mutating func admit(_ fetched: Fetched) -> Admission {
        switch screen(fetched) {
        case .done(let outcome): .done(outcome)
        case .candidate(let candidate): admit(candidate)
        }
    }

    /// ``admit(_:)`` for the longest head of a batch none of whose steps a run died in, in the
    /// batch's order, with the steps of all its articles begun in one ledger transaction (group
    /// commit). The rest, from the first article whose step is still in the ledger, is left to
    /// ``admit(_:)`` one by one after the head is committed: an article the last run died with
    /// in hand is prepared alone, and the steps of the articles behind it begin only after it.
    /// When the transaction fails, the head's articles are admitted one by one, so that a failure
    /// is reported for the article it concerns.
    /// - Returns: one admission per article of the head, and the rest of the batch.
    mutating func admit(batch: [Fetched]) -> (admissions: [Admission], rest: ArraySlice<Fetched>) {
        // Steps in the ledger that this process did not begin are those of runs that died (or
        // ends that failed to commit). Unreadable: every article is admitted one by one.
        let paths = batch.compactMap { Self.path(of: $0) }
        let leftover = (try? ledger.stepsLeftByEarlierRuns(paths.map { "article:" + $0 })) ?? Set(paths.map { "article:" + $0 })
        // The hashes recorded for the batch's paths, in one read (nil: asked one by one).
        let known = try? ledger.recordedHashes(paths: paths)
        var screened: [Screened] = []
        var cut = batch.endIndex
        for (i, fetched) in batch.enumerated() {
            if let path = Self.path(of: fetched), leftover.contains("article:" + path) {
                cut = i
                break
            }
            screened.append(screen(fetched, known: known))
        }
        let rest = batch[cut...]
        let candidates = screened.compactMap { if case .candidate(let c) = $0 { c } else { nil } }
        guard candidates.count > 1,
              let deaths = try? ledger.beginSteps(candidates.map { ($0.step, $0.sha256) }), deaths.count == candidates.count
        else {
            let admissions = screened.map { item in
                switch item {
                case .done(let outcome): Admission.done(outcome)
                case .candidate(let candidate): admit(candidate)
                }
            }
            return (admissions, rest)
        }
        var begun = zip(candidates, deaths).makeIterator()
        let admissions = screened.map { item in
            switch item {
            case .done(let outcome):
                return Admission.done(outcome)
            case .candidate(let candidate):
                // `begun` follows `screened`'s candidates one for one (both in the batch's order).
                guard let (c, d) = begun.next() else { return admit(candidate) }
                return admitted(c, deaths: d)
            }
        }
        return (admissions, rest)
    }

    /// The path an entry's step is named by, when it was read.
    private static func path(of fetched: Fetched) -> String? {
        if case .success(let read)? = fetched.result { read.raw.path } else { nil }
    }

    /// The step of a screened article begun alone.
    private mutating func admit(_ candidate: Candidate) -> Admission {
        do {
            return admitted(candidate, deaths: try ledger.beginStep(candidate.step, fingerprint: candidate.sha256))
        } catch {
            logLedgerError(error, path: candidate.raw.path)
            return .done(.failed(retry: true))
        }
    }

    /// An article past the checks of ``admit(_:)`` whose step is still to begin.
    private struct Candidate {
        let fetched: Fetched
        let raw: RawArticle
        let sha256: String
        let step: String
    }

    private enum Screened {
        case done(Outcome)
        case candidate(Candidate)
    }

    /// The checks of ``admit(_:)`` before its step: a read failure is reported, unchanged bytes
    /// are remembered and skipped. `known`: the hashes recorded for the paths of a batch, read
    /// together (nil: the ledger is asked for this path).
    private mutating func screen(_ fetched: Fetched, known: [String: String]? = nil) -> Screened {
        let name = fetched.name
        guard let result = fetched.result else {
            noteNotTaken(name)
            return .done(.ignored)
        }
        let raw: RawArticle, sha: String
        switch result {
        case .success(let read):
            (raw, sha) = read
        case .failure(let error):
            if case .system(_, _, let e) = error, e == ENOENT, name.unicodeScalars.contains("\u{FFFD}") {
                // The watcher decodes names as UTF-8; a Latin-1 name (Samba, old rsync, zip) cannot
                // be opened by its decoded form. Say so, rather than lose the file silently.
                warnOnce(path: error.path, reason: "name_not_utf8",
                         message: "file name is not valid UTF-8; rename the file to take it")
                return .done(.skipped)
            }
            if case .system(_, _, let e) = error, e == ENOENT, !isSymlink(name) {
                // Gone again (an editor's save dance, a temp file): nothing to say above debug.
                logger.debug("entry vanished before it was read", metadata: [JournalField.article: "\(error.path)"])
                return .done(.skipped)
            }
            warn(error)
            return .done(.skipped)
        }
        do {
            let recorded: String?
            if let known { recorded = known[raw.path] } else { recorded = try ledger.recordedHash(path: raw.path) }
            if recorded == sha {
                try ledger.remember(path: raw.path, size: raw.size, mtimeNanoseconds: raw.mtimeNanoseconds, sha256: sha)
                ledgerRecovered(path: raw.path)
                logger.debug("unchanged", metadata: [JournalField.article: "\(raw.path)"])
                return .done(.skipped)
            }
        } catch {
            logLedgerError(error, path: raw.path)
            return .done(.failed(retry: true))
        }
        return .candidate(Candidate(fetched: fetched, raw: raw, sha256: sha, step: "article:" + raw.path))
    }

    /// The end of ``admit(_:)`` once the step is begun: `deaths` earlier runs died with it.
    private mutating func admitted(_ candidate: Candidate, deaths: Int) -> Admission {
        let raw = candidate.raw, sha = candidate.sha256, step = candidate.step
        if deaths >= Ledger.stepAttemptLimit {
            quarantine(raw, sha256: sha, step: step, deaths: deaths)
            return .done(.skipped)
        }
        if deaths > 0 {
            logger.warning("the last run stopped while taking this article; trying once more", metadata: [
                JournalField.article: "\(raw.path)", JournalField.reason: "retry_after_crash"])
        }
        logger.debug("taking \(raw.path)", metadata: [JournalField.article: "\(raw.path)", JournalField.sha256: "\(sha)"])
        return .admitted(Ticket(fetched: candidate.fetched, raw: raw, sha256: sha, step: step, deaths: deaths))
    }

    /// Stage 3, on any thread: the one reading path (also `digestd extract`, `summarize`,
    /// `segment`): the format from the extension or sniffed, decoded (a page and an e-mail name
    /// their own charsets) and reduced to title and text; then the summary. Pure: no ledger, no
    /// logging, no clock, so articles may be prepared side by side in any order.
    func prepare(_ ticket: Ticket) -> Prepared {
        let raw = ticket.raw, name = ticket.fetched.name
        let reading: ArticleReading
        switch ArticleExtractor.reading(bytes: raw.bytes, name: name) {
        case .text(let text): reading = text
        case .binary: return Prepared(ticket: ticket, content: .binary, repaired: false, declared: true, encoding: "")
        case .emailUnavailable: return Prepared(ticket: ticket, content: .emailUnavailable, repaired: false, declared: true, encoding: "")
        }
        let article = reading.article
        func prepared(_ content: Prepared.Content) -> Prepared {
            Prepared(ticket: ticket, content: content, repaired: reading.repaired, declared: reading.declared, encoding: reading.encoding,
                     droppedNULs: reading.droppedNULs, tableCellsReadAsText: article.tableCellsReadAsText)
        }
        if article.isEmpty {
            if raw.bytes.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) || article.format == .plainText {
                return prepared(.empty)
            }
            return prepared(.markupOnly(format: article.format.rawValue))
        }
        let summary = summarizer.summarize(article)
        guard !summary.sentences.isEmpty else { return prepared(.noSentence(sentenceCount: summary.sentenceCount)) }
        // An untitled article is headed by its first sentence's opening clause; that sentence
        // then leaves the entry, which would otherwise repeat the title (issue 14).
        var title = summary.title
        var sentences = summary.sentences
        if title == nil {
            let lead = summary.sentences.first(where: { $0.index == 0 })?.text
            title = ArticleTitle.fallback(fileName: name, leadSentence: summary.sentences.first?.text, language: summary.language)
            if lead != nil, ArticleTitle.usesLead(fileName: name, leadSentence: lead), sentences.count > 1 {
                sentences.removeAll { $0.index == 0 }
            }
        }
        return prepared(.summary(title: title ?? "", sentences: sentences.map(\.text), summary: summary))
    }

    /// Stage 4, on the work loop only, in arrival order: records the article (dated now, or by
    /// its mtime when found at start-up), ends its step, and logs what preparing found.
    mutating func commit(_ prepared: Prepared) -> Outcome {
        let ticket = prepared.ticket, raw = ticket.raw
        let record = record(for: prepared)
        var outcome: Result<RecordOutcome, LedgerError>?
        if let record {
            do { outcome = .success(try ledger.record(record, mtimeNanoseconds: raw.mtimeNanoseconds)) } catch { outcome = .failure(error) }
        }
        do { try ledger.endStep(ticket.step) } catch { logLedgerError(error, path: raw.path) }
        return report(prepared, outcome)
    }

    /// ``commit(_:)`` for a batch, in its order, in one ledger transaction (group commit): every
    /// record and every step's end are written together or not at all, then each article's lines
    /// are logged. When the transaction fails, the articles are committed one by one, so that a
    /// failure is reported (and retried) for the article it concerns.
    mutating func commit(batch: [Prepared]) -> [Outcome] {
        guard batch.count > 1 else { return batch.map { commit($0) } }
        let records = batch.map { record(for: $0) }
        let items = zip(batch, records).map { prepared, record in
            ArticleCommit(article: record, mtimeNanoseconds: prepared.ticket.raw.mtimeNanoseconds, step: prepared.ticket.step)
        }
        guard let outcomes = try? ledger.commit(items), outcomes.count == batch.count else {
            return batch.map { commit($0) }
        }
        return zip(batch, outcomes).map { prepared, outcome in report(prepared, outcome.map { .success($0) }) }
    }

    /// The ledger row of a prepared article; nil when it is skipped (binary, empty, no sentence).
    private func record(for prepared: Prepared) -> ArticleRecord? {
        guard case .summary(let title, let sentences, let summary) = prepared.content else { return nil }
        let ticket = prepared.ticket, raw = ticket.raw
        // A file found at start-up arrived at its mtime, but never later than now (a wrong clock
        // elsewhere must not date an article in the future).
        let arrival = ticket.fetched.foundAtStartup ? min(Date(timeIntervalSince1970: Double(raw.mtimeNanoseconds) / 1e9), clock()) : clock()
        return ArticleRecord(
            path: raw.path, sha256: ticket.sha256, size: raw.size,
            arrivedAt: Int64((arrival.timeIntervalSince1970 * 1000).rounded(.down)),
            utcOffset: calendar.utcOffset(at: arrival), day: calendar.day(of: arrival),
            title: title,
            sentences: sentences, keywords: summary.keywords,
            wordCount: summary.wordCount, sentenceCount: summary.sentenceCount, language: summary.language,
            boilerplateDropped: summary.boilerplateLines)
    }

    /// Logs what preparing found and what recording did (`outcome`: nil when nothing was to be
    /// recorded); returns the article's outcome.
    private mutating func report(_ prepared: Prepared, _ outcome: Result<RecordOutcome, LedgerError>?) -> Outcome {
        let ticket = prepared.ticket, raw = ticket.raw, sha = ticket.sha256, name = ticket.fetched.name
        let summary: Summary
        switch prepared.content {
        case .binary:
            warn(.binary(path: raw.path))
            return .skipped
        case .empty:
            warn(.empty(path: raw.path))
            return .skipped
        case .emailUnavailable:
            warnOnce(path: raw.path, reason: "email_unavailable",
                     message: "e-mail cannot be read: libgmime-3.0 could not be loaded; skipped, not recorded (taken after a restart with the library)")
            return .skipped
        case .markupOnly(let format):
            // Say that the file has markup but no article text, rather than call it empty.
            warnOnce(path: raw.path, reason: "empty",
                     message: "no article text found in this \(format) file (markup, navigation or scripts only); skipped")
            return .skipped
        case .noSentence(let count):
            noteEncoding(prepared, path: raw.path)
            noteTruncation(sentenceCount: count, path: raw.path)
            warnOnce(path: raw.path, reason: "no_text", message: "no sentence with a letter or digit; skipped")
            return .skipped
        case .summary(_, _, let whole):
            summary = whole
        }
        noteEncoding(prepared, path: raw.path)
        noteTruncation(sentenceCount: summary.sentenceCount, path: raw.path)
        let recorded: RecordOutcome
        switch outcome {
        case .success(let result)?:
            recorded = result
        case .failure(let error)?:
            logLedgerError(error, path: raw.path)
            return .failed(retry: true)
        case nil:
            return .skipped // not reached: a summary always has a record
        }
        warned[raw.path] = nil
        ledgerRecovered(path: raw.path)
        let micros = (ContinuousClock.now - ticket.fetched.started).microseconds
        var metadata: Logger.Metadata = [
            JournalField.article: "\(raw.path)", JournalField.sha256: "\(sha)",
            JournalField.sentences: "\(summary.sentences.count)", JournalField.durationUsec: "\(micros)",
        ]
        if prepared.encoding != "utf-8" { metadata[JournalField.encoding] = "\(prepared.encoding)" }
        switch recorded {
        case .inserted(let day), .replaced(let day):
            metadata[JournalField.messageID] = MessageID.articleSummarized.metadataValue
            let verb = if case .replaced = recorded { "replaced" } else { "summarized" }
            logger.info("\(verb) \(name) for \(day) (\(summary.sentences.count == 1 ? "1 sentence" : "\(summary.sentences.count) sentences"))", metadata: metadata)
            return .recorded(recorded, day: day)
        case .unchanged:
            logger.debug("unchanged", metadata: metadata)
            return .skipped
        case .duplicate(let original):
            logger.info("same content as \(original); not listed again", metadata: metadata)
            return .skipped
        }
    }

    private func noteEncoding(_ prepared: Prepared, path: String) {
        if prepared.tableCellsReadAsText > 0 {
            logger.warning("\(path): \(MarkdownExtractor.tablesReadAsTextNote(cells: prepared.tableCellsReadAsText))", metadata: [
                JournalField.article: "\(path)", JournalField.reason: "large_table"])
        }
        if prepared.droppedNULs > 0 {
            logger.warning("\(prepared.droppedNULs) stray NUL \(prepared.droppedNULs == 1 ? "byte" : "bytes") dropped from the text", metadata: [
                JournalField.article: "\(path)", JournalField.reason: "nul_bytes"])
        }
        if prepared.repaired {
            logger.warning("invalid UTF-8 sequences replaced with U+FFFD", metadata: [
                JournalField.article: "\(path)", JournalField.reason: "invalid_utf8"])
        } else if !prepared.declared {
            logger.warning("not UTF-8 and no encoding declared; decoded as \(prepared.encoding)", metadata: [
                JournalField.article: "\(path)", JournalField.encoding: "\(prepared.encoding)"])
        }
    }

    private func noteTruncation(sentenceCount: Int, path: String) {
        if sentenceCount > Summarizer.maximumRankedSentences {
            logger.warning("\(sentenceCount) sentences; only the first \(Summarizer.maximumRankedSentences) were ranked", metadata: [
                JournalField.article: "\(path)", JournalField.truncated: "1", JournalField.reason: "too_many_sentences"])
        }
    }

    /// Refuses an article the service died on twice: recorded as failed (so it is not taken again
    /// until its content changes) and logged once as an error with ``MessageID/articleQuarantined``.
    private mutating func quarantine(_ raw: RawArticle, sha256: String, step: String, deaths: Int) {
        let reason = "crashed_\(deaths)_times"
        do {
            try ledger.quarantine(path: raw.path, sha256: sha256, size: raw.size, mtimeNanoseconds: raw.mtimeNanoseconds,
                                  reason: reason, failedAt: Int64((clock().timeIntervalSince1970 * 1000).rounded(.down)), step: step)
        } catch {
            logLedgerError(error, path: raw.path)
        }
        logger.error("\(raw.path): the service stopped \(deaths) times while taking this article; skipped (quarantined)", metadata: [
            JournalField.article: "\(raw.path)", JournalField.sha256: "\(sha256)", JournalField.reason: "\(reason)",
            JournalField.messageID: MessageID.articleQuarantined.metadataValue])
    }

    private func isSymlink(_ name: String) -> Bool {
        var st = stat()
        return lstat(reader.inbox + "/" + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    private mutating func warn(_ error: InboxError) {
        guard warned[error.path] != error.reason else { return }
        warned[error.path] = error.reason
        var metadata: Logger.Metadata = [
            JournalField.article: "\(error.path)", JournalField.reason: "\(error.reason)",
            JournalField.messageID: MessageID.articleSkipped.metadataValue,
        ]
        if let e = error.errno { metadata[JournalField.errno] = "\(e)" }
        logger.warning("\(error.description)", metadata: metadata)
    }

    private mutating func warnOnce(path: String, reason: String, message: String) {
        guard warned[path] != reason else { return }
        warned[path] = reason
        logger.warning("\(path): \(message)", metadata: [
            JournalField.article: "\(path)", JournalField.reason: "\(reason)",
            JournalField.messageID: MessageID.articleSkipped.metadataValue])
    }

    /// Logs a failure to write the ledger for `path`: an error once per path and cause, then at
    /// debug level while the same cause repeats (the work loop retries with back-off).
    private mutating func logLedgerError(_ error: LedgerError, path: String) {
        if ledgerFailures[path] == error.cause {
            logger.debug("still cannot record article: \(error)", metadata: [JournalField.article: "\(path)", JournalField.reason: "ledger_error"])
            return
        }
        ledgerFailures[path] = error.cause
        logger.error("cannot record article: \(error); will retry with back-off", metadata: [
            JournalField.article: "\(path)", JournalField.reason: "ledger_error", JournalField.error: "\(error.cause)"])
    }

    /// After a ledger failure of `path`, says once that recording works again.
    private mutating func ledgerRecovered(path: String) {
        guard let cause = ledgerFailures.removeValue(forKey: path) else { return }
        logger.notice("recorded after an earlier failure (\(cause)); recovered", metadata: [
            JournalField.article: "\(path)", JournalField.reason: "ledger_recovered"])
    }
}

extension Duration {
    /// Whole microseconds.
    var microseconds: Int64 {
        let (s, atto) = components
        return s * 1_000_000 + atto / 1_000_000_000_000
    }
}
