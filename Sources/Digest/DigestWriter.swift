import Ledger

/// Writes day digests from the ledger into the output folder, atomically.
///
/// Each write renders the whole day from the ledger (the source of truth) and replaces
/// `OUTPUT/YYYY-MM-DD.md` with ``AtomicFile``. The day's "needs rendering" mark is cleared only
/// after the rename, so a crash or a failed write leaves it for the next attempt.
public struct DigestWriter: Sendable {
    /// The digest folder.
    public let output: String
    private let ledger: Ledger

    public init(output: String, ledger: Ledger) {
        self.output = output
        self.ledger = ledger
    }

    /// Path of the Markdown digest of `day`.
    public func path(day: String) -> String {
        output + "/" + day + ".md"
    }

    /// The Markdown digest of `day`, rendered from the ledger.
    public func render(day: String) throws(LedgerError) -> String {
        MarkdownDigest.render(day: day, articles: try ledger.articles(day: day))
    }

    /// Renders `day` and replaces its file.
    /// - Returns: the path written and the number of entries.
    /// - Throws: ``LedgerError`` when the ledger cannot be read; ``AtomicWriteError`` (with errno)
    ///   when the file cannot be written — the old file is then intact.
    @discardableResult
    public func write(day: String) throws -> (path: String, entries: Int) {
        let articles = try ledger.articles(day: day)
        let text = MarkdownDigest.render(day: day, articles: articles)
        let target = path(day: day)
        try AtomicFile.write(Array(text.utf8), to: target)
        return (target, articles.count)
    }

    /// Writes every day marked as needing it, clearing each mark after its rename.
    /// - Returns: the days written, with their paths and entry counts, in day order.
    /// - Throws: the first failure; days before it are written, the failing one and later stay marked.
    @discardableResult
    public func writeDirtyDays() throws -> [(day: String, path: String, entries: Int)] {
        var written: [(day: String, path: String, entries: Int)] = []
        for (day, generation) in try ledger.dirtyDays() {
            let result = try write(day: day)
            try ledger.markRendered(day: day, generation: generation)
            written.append((day, result.path, result.entries))
        }
        return written
    }
}
