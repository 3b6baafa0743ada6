import Foundation
import Inbox
import Journal
import Ledger
import Logging
import Summarizer
import Digest

/// Takes one inbox entry through intake → summary → ledger. Synchronous and single-threaded: the
/// work loop owns it. Rendering the digest is left to the caller, which coalesces renders.
struct ArticlePipeline {
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
    enum Outcome {
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

    /// Takes the entry `name`: reads, decodes, summarizes and records it.
    mutating func take(name: String, foundAtStartup: Bool) -> Outcome {
        guard policy.accepts(name) else {
            noteNotTaken(name)
            return .ignored
        }
        let started = ContinuousClock.now
        let raw: RawArticle
        do {
            raw = try reader.read(name: name)
        } catch {
            if case .system(_, _, let e) = error, e == ENOENT, name.unicodeScalars.contains("\u{FFFD}") {
                // The watcher decodes names as UTF-8; a Latin-1 name (Samba, old rsync, zip) cannot
                // be opened by its decoded form. Say so, rather than lose the file silently.
                warnOnce(path: error.path, reason: "name_not_utf8",
                         message: "file name is not valid UTF-8; rename the file to take it")
                return .skipped
            }
            if case .system(_, _, let e) = error, e == ENOENT, !isSymlink(name) {
                // Gone again (an editor's save dance, a temp file): nothing to say above debug.
                logger.debug("entry vanished before it was read", metadata: [JournalField.article: "\(error.path)"])
                return .skipped
            }
            warn(error)
            return .skipped
        }
        let sha = ContentHash.sha256(raw.bytes)
        do {
            if try ledger.recordedHash(path: raw.path) == sha {
                try ledger.remember(path: raw.path, size: raw.size, mtimeNanoseconds: raw.mtimeNanoseconds, sha256: sha)
                ledgerRecovered(path: raw.path)
                logger.debug("unchanged", metadata: [JournalField.article: "\(raw.path)"])
                return .skipped
            }
        } catch {
            logLedgerError(error, path: raw.path)
            return .failed(retry: true)
        }
        // Poison quarantine: the step is in the ledger while the article is in hand. A run that
        // dies here leaves it; the next run retries once, and the one after skips the article.
        let step = "article:" + raw.path
        let deaths: Int
        do {
            deaths = try ledger.beginStep(step, fingerprint: sha)
        } catch {
            logLedgerError(error, path: raw.path)
            return .failed(retry: true)
        }
        if deaths >= Ledger.stepAttemptLimit {
            quarantine(raw, sha256: sha, step: step, deaths: deaths)
            return .skipped
        }
        defer {
            do { try ledger.endStep(step) } catch { logLedgerError(error, path: raw.path) }
        }
        if deaths > 0 {
            logger.warning("the last run stopped while taking this article; trying once more", metadata: [
                JournalField.article: "\(raw.path)", JournalField.reason: "retry_after_crash"])
        }
        logger.debug("taking \(raw.path)", metadata: [JournalField.article: "\(raw.path)", JournalField.sha256: "\(sha)"])
        // The one reading path (also `digestd extract`, `summarize`, `segment`): the format from
        // the extension or sniffed, decoded (a page and an e-mail name their own charsets) and
        // reduced to title and text.
        guard let reading = ArticleExtractor.read(bytes: raw.bytes, name: name) else {
            warn(.binary(path: raw.path))
            return .skipped
        }
        let article = reading.article
        if article.isEmpty {
            if raw.bytes.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) || article.format == .plainText {
                warn(.empty(path: raw.path))
            } else {
                // Say that the file has markup but no article text, rather than call it empty.
                warnOnce(path: raw.path, reason: "empty",
                         message: "no article text found in this \(article.format.rawValue) file (markup, navigation or scripts only); skipped")
            }
            return .skipped
        }
        if reading.repaired {
            logger.warning("invalid UTF-8 sequences replaced with U+FFFD", metadata: [
                JournalField.article: "\(raw.path)", JournalField.reason: "invalid_utf8"])
        } else if !reading.declared {
            logger.warning("not UTF-8 and no encoding declared; decoded as \(reading.encoding)", metadata: [
                JournalField.article: "\(raw.path)", JournalField.encoding: "\(reading.encoding)"])
        }
        let summary = summarizer.summarize(article)
        if summary.sentenceCount > Summarizer.maximumRankedSentences {
            logger.warning("\(summary.sentenceCount) sentences; only the first \(Summarizer.maximumRankedSentences) were ranked", metadata: [
                JournalField.article: "\(raw.path)", JournalField.truncated: "1", JournalField.reason: "too_many_sentences"])
        }
        guard !summary.sentences.isEmpty else {
            warnOnce(path: raw.path, reason: "no_text", message: "no sentence with a letter or digit; skipped")
            return .skipped
        }
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
        // A file found at start-up arrived at its mtime, but never later than now (a wrong clock
        // elsewhere must not date an article in the future).
        let arrival = foundAtStartup ? min(Date(timeIntervalSince1970: Double(raw.mtimeNanoseconds) / 1e9), clock()) : clock()
        let record = ArticleRecord(
            path: raw.path, sha256: sha, size: raw.size,
            arrivedAt: Int64((arrival.timeIntervalSince1970 * 1000).rounded(.down)),
            utcOffset: calendar.utcOffset(at: arrival), day: calendar.day(of: arrival),
            title: title ?? "",
            sentences: sentences.map(\.text), keywords: summary.keywords,
            wordCount: summary.wordCount, sentenceCount: summary.sentenceCount, language: summary.language,
            boilerplateDropped: summary.boilerplateLines)
        let outcome: RecordOutcome
        do {
            outcome = try ledger.record(record, mtimeNanoseconds: raw.mtimeNanoseconds)
        } catch {
            logLedgerError(error, path: raw.path)
            return .failed(retry: true)
        }
        warned[raw.path] = nil
        ledgerRecovered(path: raw.path)
        let micros = (ContinuousClock.now - started).microseconds
        var metadata: Logger.Metadata = [
            JournalField.article: "\(raw.path)", JournalField.sha256: "\(sha)",
            JournalField.sentences: "\(summary.sentences.count)", JournalField.durationUsec: "\(micros)",
        ]
        if reading.encoding != "utf-8" { metadata[JournalField.encoding] = "\(reading.encoding)" }
        switch outcome {
        case .inserted(let day), .replaced(let day):
            metadata[JournalField.messageID] = MessageID.articleSummarized.metadataValue
            let verb = if case .replaced = outcome { "replaced" } else { "summarized" }
            logger.info("\(verb) \(name) for \(day) (\(summary.sentences.count == 1 ? "1 sentence" : "\(summary.sentences.count) sentences"))", metadata: metadata)
            return .recorded(outcome, day: day)
        case .unchanged:
            logger.debug("unchanged", metadata: metadata)
            return .skipped
        case .duplicate(let original):
            logger.info("same content as \(original); not listed again", metadata: metadata)
            return .skipped
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
