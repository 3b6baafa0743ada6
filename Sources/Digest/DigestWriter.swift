import Foundation
import Ledger

/// Writes day digests from the ledger into the output folder, atomically.
///
/// Each write renders the whole day from the ledger (the source of truth) and replaces
/// `OUTPUT/YYYY-MM-DD.md` — and, for the configured ``formats``, `YYYY-MM-DD.html`,
/// `YYYY-MM-DD.json`, `index.html` and `feed.atom` — each with ``AtomicFile``. The day's "needs
/// rendering" mark is cleared only after every file of it was renamed into place and made
/// durable (`fdatasync` of each file, `fsync` of the folder), so a crash or a failed write leaves
/// it for the next attempt.
///
/// Durability can be deferred (``writeDirtyDays(deferringSync:)``, as the service writes): the
/// files are renamed into place at once, readers see them whole, and one later
/// ``syncPending()`` makes every file written since durable and only then clears the marks.
/// A day written and waiting for that sync is not written again for the same generation.
package struct DigestWriter: Sendable {
    /// The digest folder.
    package let output: String
    /// The formats written, in ``DigestFormat`` order; always holds ``DigestFormat/markdown``.
    package let formats: [DigestFormat]
    /// Days in `feed.atom`: the most recent days that have articles.
    package let feedDays: Int
    /// Articles in no top story that a day's feed entry shows, the latest (``AtomFeed``).
    package let feedArticles: Int
    /// Top stories that a day's feed entry shows, those with the latest reports (``AtomFeed``).
    package let feedStories: Int
    private let ledger: Ledger
    /// Stems, days and feed entries kept between writes (memos: the files are the same without
    /// them). A write of a day that grew by one article reads that article from the ledger,
    /// renders its entry, and splices the rest from here (``DayCopy``).
    private let termCache = TermCache()
    private let dayCopies = RecentMemo<String, DayCopy>()
    private let feedEntries = RecentMemo<String, FeedEntry>()
    /// Files renamed into place without an fsync and the marks waiting for them.
    private let pending = PendingSync()
    /// Where the last write's time went (``lastWritePhases``).
    private let phases = WritePhases()
    /// Old versions of the day files replaced by writes that are not durable, unlinked off the
    /// writing thread; ``syncPending()`` waits for them.
    private let retired = RetiredFiles()

    /// A day's `<entry>` of `feed.atom` and the day revision it shows.
    private struct FeedEntry: Sendable {
        let revision: Int64
        let entry: AtomFeed.DayEntry
    }

    /// - Parameters:
    ///   - output: the digest folder.
    ///   - ledger: the source of truth.
    ///   - formats: what to write besides Markdown, which is always written.
    ///   - feedDays: days in the Atom feed, at least 1.
    ///   - feedArticles: articles in no top story each day's feed entry shows, at least 1.
    ///   - feedStories: top stories each day's feed entry shows, at least 1.
    package init(output: String, ledger: Ledger, formats: [DigestFormat] = [.markdown], feedDays: Int = AtomFeed.defaultDays,
                 feedArticles: Int = AtomFeed.latestArticles, feedStories: Int = AtomFeed.latestStories) {
        self.output = output
        self.ledger = ledger
        self.formats = DigestFormat.allCases.filter { $0 == .markdown || formats.contains($0) }
        self.feedDays = max(1, feedDays)
        self.feedArticles = max(1, feedArticles)
        self.feedStories = max(1, feedStories)
    }

    /// Path of the Markdown digest of `day`.
    package func path(day: String) -> String {
        path(day: day, format: .markdown)
    }

    /// Path of `day`'s file in `format`; for ``DigestFormat/atom``, the feed of all recent days.
    package func path(day: String, format: DigestFormat) -> String {
        switch format {
        case .markdown: output + "/" + day + ".md"
        case .html: output + "/" + day + ".html"
        case .json: output + "/" + day + ".json"
        case .atom: output + "/feed.atom"
        }
    }

    /// Path of the HTML index of days.
    package var indexPath: String { output + "/index.html" }

    /// The files a write of `day` produces in the configured formats, in ``DigestFormat`` order:
    /// the day's own files (`.md`, `.html`, `.json`).
    package func dayFiles(day: String) -> [String] {
        formats.filter { $0 != .atom }.map { path(day: day, format: $0) }
    }

    /// The files every write also replaces: `index.html` (with HTML) and `feed.atom` (with Atom).
    package var sharedFiles: [String] {
        (formats.contains(.html) ? [indexPath] : []) + (formats.contains(.atom) ? [path(day: "", format: .atom)] : [])
    }

    /// The recorded days that lack one of their configured files (a format added to the
    /// configuration since they were written, or a file deleted by hand), or have one that is
    /// empty (no digest file is: a power loss after a rename whose data never reached the disk);
    /// when a shared file is missing or empty, the latest day too, so that a write restores it.
    /// In day order.
    package func daysWithMissingFiles() throws(LedgerError) -> [String] {
        let days = try ledger.days()
        func lacking(_ path: String) -> Bool {
            var st = stat()
            return stat(path, &st) != 0 || st.st_size == 0
        }
        var missing = days.filter { day in dayFiles(day: day).contains(where: lacking) }
        if let last = days.last, !missing.contains(last), sharedFiles.contains(where: lacking) {
            missing.append(last)
        }
        return missing
    }

    /// The Markdown digest of `day`, rendered from the ledger.
    package func render(day: String) throws(LedgerError) -> String {
        let copy = dayCopy(day)
        return copy.markdown(try copy.digest(ledger: ledger, cache: termCache))
    }

    /// `day`'s digest in `format`, rendered from the ledger (for ``DigestFormat/atom``, the feed
    /// of the recent days up to and including `day`).
    /// - Throws: ``LedgerError``, or ``DigestTemplateError`` when this build's templates are broken.
    package func render(day: String, format: DigestFormat) throws -> String {
        if format == .atom { return try feed(through: day) }
        let copy = dayCopy(day)
        return try render(copy, try copy.digest(ledger: ledger, cache: termCache), format: format)
    }

    private func render(_ copy: DayCopy, _ digest: DayDigest, format: DigestFormat) throws -> String {
        switch format {
        case .markdown: copy.markdown(digest)
        case .html: try copy.html(digest, links: .init(output: output, feed: formats.contains(.atom)), template: "page")
        case .json: copy.json(digest)
        case .atom: try feed(through: digest.day)
        }
    }

    /// Renders `day` and replaces its files, then the index and the feed.
    /// - Returns: the path of the Markdown file and the number of entries.
    /// - Throws: ``LedgerError`` when the ledger cannot be read; ``AtomicWriteError`` (with errno)
    ///   when a file cannot be written — that file is then intact, and files written before it
    ///   stay written.
    @discardableResult
    package func write(day: String) throws -> (path: String, entries: Int) {
        startWrite()
        let result = try writeDayFiles(day, durable: true)
        try writeSharedFiles(durable: true)
        try syncOutput()
        return result
    }

    /// Renders each of `days` (files per day, then once the index and the feed).
    /// - Returns: the Markdown path and entry count of each day, in the order given.
    @discardableResult
    package func write(days: [String]) throws -> [(day: String, path: String, entries: Int)] {
        startWrite()
        var written: [(day: String, path: String, entries: Int)] = []
        for day in days {
            let r = try writeDayFiles(day, durable: true)
            written.append((day, r.path, r.entries))
        }
        try writeSharedFiles(durable: true)
        try syncOutput()
        return written
    }

    /// Writes every day marked as needing it, then the index and the feed, makes them durable,
    /// then clears each mark (also the marks of earlier deferred writes: ``syncPending()``).
    /// - Returns: the days written, with their paths and entry counts, in day order.
    /// - Throws: the first failure; marks stay for every day when it happens, so all are retried.
    @discardableResult
    package func writeDirtyDays() throws -> [(day: String, path: String, entries: Int)] {
        try writeDirtyDays(deferringSync: false)
    }

    /// Writes every day marked as needing it (except those written already at their current
    /// generation and waiting for a sync), then the index and the feed.
    ///
    /// With `deferringSync`, no file is synced: each is renamed into place (readers see it whole)
    /// and left for ``syncPending()``, which clears the marks; until then the days stay marked,
    /// so a crash before it is repaired by writing them again at start-up. Without it, this
    /// ends with ``syncPending()``.
    /// - Returns: the days written, with their paths and entry counts, in day order.
    /// - Throws: the first failure; marks stay for every day when it happens, so all are retried.
    @discardableResult
    package func writeDirtyDays(deferringSync: Bool) throws -> [(day: String, path: String, entries: Int)] {
        let dirty = try daysToWrite()
        var written: [(day: String, path: String, entries: Int)] = []
        if !dirty.isEmpty {
            startWrite()
            var paths: [String] = []
            for (day, _) in dirty {
                let result = try writeDayFiles(day, durable: false)
                written.append((day, result.path, result.entries))
                paths += dayFiles(day: day)
            }
            paths += try writeSharedFiles(durable: false)
            pending.add(paths: paths, marks: dirty.map { PendingSync.DayMark(day: $0.day, generation: $0.generation) })
        }
        if !deferringSync { try syncPending() }
        return written
    }

    /// The days marked as needing a write, with their generations, less those whose files were
    /// written at that generation and wait for ``syncPending()``; in day order.
    package func daysToWrite() throws(LedgerError) -> [(day: String, generation: Int64)] {
        try ledger.dirtyDays().filter { !pending.isWritten(day: $0.day, generation: $0.generation) }
    }

    /// Whether files were written by a deferred write and not yet synced.
    package var hasPendingSync: Bool { !pending.isEmpty }

    /// Makes every file renamed by deferred writes since the last sync durable (`fdatasync` of
    /// each, then one `fsync` of the folder), then clears the dirty marks those writes satisfied
    /// (a mark set again meanwhile, by a newer article, stays). Safe to call from another thread
    /// than the writes; one sync runs at a time.
    /// - Returns: the number of marks handled (0: nothing was waiting).
    /// - Throws: ``AtomicWriteError`` or ``LedgerError``; the days then stay marked and are
    ///   written again by the next write (after a failed `fdatasync` the kernel may have dropped
    ///   the unwritten pages, so syncing again would prove nothing).
    @discardableResult
    package func syncPending() throws -> Int {
        try pending.serialized { () throws -> Int in
            // The old versions replaced since the last sync are gone before it reports.
            retired.wait()
            let batch = pending.take()
            defer { pending.finish() }
            guard !batch.isEmpty else { return 0 }
            for path in batch.paths { try AtomicFile.syncData(of: path) }
            try syncOutput()
            for mark in batch.marks { try ledger.markRendered(day: mark.day, generation: mark.generation) }
            return batch.marks.count
        }
    }

    /// Where the time of the last write went: each phase (``WritePhases``) with its wall time,
    /// in the order the write did them; empty before the first write.
    package var lastWritePhases: [(name: String, duration: Duration)] { phases.last }

    private func writeDayFiles(_ day: String, durable: Bool) throws -> (path: String, entries: Int) {
        let copy = dayCopy(day)
        // Timed without a closure: the quarantine tests find this function by its one symbol.
        let begun = ContinuousClock.now
        let digest = try copy.digest(ledger: ledger, cache: termCache)
        phases.add("rows", ContinuousClock.now - begun)
        for format in formats where format != .atom {
            try writeFile(format, of: copy, digest, durable: durable)
        }
        return (path(day: day), digest.articles.count)
    }

    /// Writes the day's file in `format` (not the feed) from `copy`'s kept pieces, streamed into
    /// the file (``AtomicFile/write(to:syncFolder:durable:_:)``), never joined into one string.
    private func writeFile(_ format: DigestFormat, of copy: DayCopy, _ digest: DayDigest, durable: Bool) throws {
        let path = path(day: digest.day, format: format)
        let retire = retirement(durable: durable)
        let started = ContinuousClock.now
        var rendering = Duration.zero
        /// Runs `produce` and counts its time as the format's (the rest is the replacement's).
        func timed(_ out: inout FileOutput, _ produce: (inout FileOutput) throws -> Void) rethrows {
            let start = ContinuousClock.now
            defer { rendering = ContinuousClock.now - start }
            try produce(&out)
            out.flush()
        }
        switch format {
        case .markdown:
            try AtomicFile.write(to: path, syncFolder: false, durable: durable, retire: retire) { out in
                timed(&out) { out in copy.markdown(digest, into: &out) }
            }
        case .html:
            let links = HTMLDigest.Links(output: output, feed: formats.contains(.atom))
            try AtomicFile.write(to: path, syncFolder: false, durable: durable, retire: retire) { out in
                try timed(&out) { out in try copy.html(digest, links: links, template: "page", into: &out) }
            }
        case .json:
            try AtomicFile.write(to: path, syncFolder: false, durable: durable, retire: retire) { out in
                timed(&out) { out in copy.json(digest, into: &out) }
            }
        case .atom:
            // Not a day file: written once per write by writeSharedFiles.
            return
        }
        phases.add(format.rawValue, rendering)
        phases.add("replace", ContinuousClock.now - started - rendering)
    }

    /// Renders `article` alone, as a day of one entry, in every configured format, and throws the
    /// result away: the probe of a day written entry by entry after it killed the service twice
    /// (poison quarantine), so that an entry that traps is found without writing any file.
    /// - Throws: ``DigestTemplateError`` when a template cannot render the entry.
    package func renderAlone(_ article: ArticleRecord) throws {
        let digest = DayDigest(day: article.day, articles: [article])
        for format in formats {
            switch format {
            case .markdown: _ = MarkdownDigest.render(digest)
            case .html: _ = try HTMLDigest.render(digest, links: .init(output: output, feed: formats.contains(.atom)))
            case .json: _ = JSONDigest.render(digest)
            case .atom: _ = try AtomFeed.render(days: [digest], output: output, html: formats.contains(.html), latest: feedArticles,
                                                 stories: feedStories)
            }
        }
    }

    /// What a write does with the old version of a file it replaces: without an `fsync`
    /// (`durable` false), the deferred sync may be writing that version back, and unlinking it
    /// would wait for the disk, so ``RetiredFiles`` unlinks it off this thread; a durable write
    /// unlinks it in place (nil).
    private func retirement(durable: Bool) -> ((String) -> Void)? {
        durable ? nil : { [retired] in retired.remove($0) }
    }

    /// `index.html` (with HTML) and `feed.atom` (with Atom): they list several days.
    /// - Returns: the paths written.
    @discardableResult
    private func writeSharedFiles(durable: Bool) throws -> [String] {
        guard formats.contains(.html) || formats.contains(.atom) else { return [] }
        let states = try ledger.dayStates()
        // As for the day files (a 3 KB index.html once took 416 ms to replace in place while the
        // sync flushed a 3,000-article day's files, `bench/run day`).
        let retire = retirement(durable: durable)
        if formats.contains(.html) {
            let days = states.map { HTMLIndex.Day(day: $0.day, articles: $0.articles) }
            try phases.time("index") {
                try AtomicFile.write(try HTMLIndex.render(days: days, feed: formats.contains(.atom)), to: indexPath, syncFolder: false,
                                     durable: durable, retire: retire)
            }
        }
        if formats.contains(.atom) {
            try phases.time("feed") {
                try AtomicFile.write(try feed(states), to: path(day: "", format: .atom), syncFolder: false, durable: durable,
                                     retire: retire)
            }
        }
        return sharedFiles
    }

    /// Makes the renames of a write durable: one `fsync` of the digest folder after all of its
    /// files were replaced (each file was `fsync`ed before its rename, or `fdatasync`ed after it by
    /// ``syncPending()``), before any dirty mark is cleared.
    private func syncOutput() throws {
        try AtomicFile.syncFolder(of: path(day: "", format: .atom))
    }

    /// The feed of the ``feedDays`` most recent days with articles, up to `last` (all when nil).
    private func feed(through last: String?) throws -> String {
        try feed(try ledger.dayStates().filter { state in last.map { state.day <= $0 } ?? true })
    }

    /// The feed of the ``feedDays`` latest of `states` (ascending, as ``Ledger/dayStates()``
    /// gives them). A day whose revision is the one its kept entry shows is not read at all.
    private func feed(_ states: [DayState]) throws -> String {
        let html = formats.contains(.html)
        var entries: [AtomFeed.DayEntry] = []
        for state in states.suffix(feedDays).reversed() {
            if let kept = feedEntries.value(for: state.day), kept.revision == state.revision, state.revision >= 0 {
                entries.append(kept.entry)
                continue
            }
            let copy = dayCopy(state.day)
            let digest = try copy.digest(ledger: ledger, cache: termCache)
            guard !digest.articles.isEmpty else { continue }
            let body = try copy.html(digest, links: .init(output: output, feed: true), template: "body", escaped: true,
                                     latest: AtomFeed.shown(digest, html: html, latest: feedArticles, stories: feedStories))
            let entry = try AtomFeed.entry(digest, output: output, html: html, latest: feedArticles, stories: feedStories,
                                           escapedBody: body)
            // The entry shows the rows the copy read, which may be newer than `state`.
            if let revision = copy.currentRevision { feedEntries.store(FeedEntry(revision: revision, entry: entry), for: state.day) }
            entries.append(entry)
        }
        return try AtomFeed.assemble(entries, output: output, html: html)
    }

    /// The writer's copy of `day`, kept for the next write.
    private func dayCopy(_ day: String) -> DayCopy {
        if let kept = dayCopies.value(for: day) { return kept }
        let copy = DayCopy(day: day)
        dayCopies.store(copy, for: day)
        return copy
    }

    /// Drops every day copy, rendered piece and feed entry kept between writes, for an idle
    /// service (they hold about the size of the recent days' files). The next write reads its
    /// days whole again, once; the files are the same.
    package func releaseMemory() {
        dayCopies.removeAll()
        feedEntries.removeAll()
        termCache.removeAll()
    }

    /// Entries kept by the memos (for tests: 0 after ``releaseMemory()``).
    var memoEntries: Int {
        termCache.count + dayCopies.count + feedEntries.count
    }

    private func startWrite() {
        phases.reset()
        termCache.startWrite()
        dayCopies.startWrite()
        feedEntries.startWrite()
    }
}
