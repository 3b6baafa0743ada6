import Foundation
import Ledger

/// The digest writer's copy of one day, kept in step with the ledger by the day's revision
/// (``Ledger/changes(day:since:)``), with each entry's rendered pieces: what makes the write of
/// a day that grew by one article cost that article, not the day.
///
/// - **Rows.** A write asks the ledger for the rows changed since the revision this copy holds,
///   and merges them in by row id, keeping arrival order (arrival instant, then row id). When the
///   day holds fewer rows than the copy afterwards, rows were removed: the copy is read again
///   whole. No record is compared with another to find what changed.
/// - **Digest.** Top stories are found again only when the revision changed, through the day's
///   ``TopStoriesMemo`` (its grouping grows article by article).
/// - **Pieces.** Each entry's Markdown (``MarkdownDigest/entry(_:)``) and HTML (the `entry`
///   template, cut around its anchor so that it does not depend on the entry's position) are
///   kept by position and dropped when the row changes; each top story's HTML is kept while its
///   headline, summary and members (row ids, revisions, positions) stay the same.
///
/// The pieces are those the renderers make, spliced the way they splice them
/// (``MarkdownDigest/render(_:entry:)``, ``HTMLDigest/assemble(_:links:template:story:entry:)``),
/// so the files are byte for byte those of a fresh render: `WriteMemoTests` checks it.
// @unchecked Sendable: every stored property is read and written under `lock` only.
final class DayCopy: @unchecked Sendable {
    /// `YYYY-MM-DD`.
    let day: String
    private let lock = NSLock()
    /// The day revision the rows are from; nil before the first read (or when the ledger keeps
    /// no revisions: then every use reads the day again).
    private var revision: Int64?
    private var records: [ArticleRecord] = []
    /// Position in ``records`` by row id.
    private var position: [Int64: Int] = [:]
    private var markdownPieces: [String?] = []
    /// The `entry` template of the row at each position, before and after its anchor value.
    private var htmlPieces: [(head: String, tail: String)?] = []
    /// The same, escaped once more for the Atom feed's content (``MarkupEscaping/escape(_:)``).
    private var escapedPieces: [(head: String, tail: String)?] = []
    /// The JSON object of the row at each position, cut where its `top_story` line goes
    /// (``JSONDigest/articlePiece(_:)``), so that it does not depend on the story it is in.
    private var jsonPieces: [(head: String, tail: String)?] = []
    /// By what each top story's HTML was rendered from: the HTML cut around its anchor (`s<N>`,
    /// so that a story keeps its pieces when a new story before it moves it down the list), the
    /// same escaped once more for the feed (when it was asked for), and the digest build that last
    /// used it (``storyUse``).
    private var stories: [StoryKey: StoryPieces] = [:]
    /// Counts digest builds, so that pieces of stories gone from the day can be dropped.
    private var storyUse = 0

    private struct StoryPieces {
        /// The HTML, when it was asked for.
        var plain: (head: String, tail: String)?
        var escaped: (head: String, tail: String)?
        /// The Markdown section, when it was asked for.
        var markdown: String?
        /// The JSON object (``JSONDigest/storyPiece(_:)``), when it was asked for.
        var json: String?
        var used: Int
    }

    /// The key of top story `s` of `digest`.
    private static func storyKey(_ s: Int, of digest: DayDigest) -> StoryKey {
        let members = digest.topStories[s].members
        return StoryKey(members: members, ids: members.map { digest.articles[$0].id })
    }
    private var digest: DayDigest?
    private let topStories = TopStoriesMemo()
    /// Leading rows unchanged since the last digest was built (what ``topStories`` saw): rows
    /// appended at the end keep it, a row replaced or inserted before the end lowers it.
    private var unchangedPrefix = 0

    /// What a top story's pieces depend on, but for its place in the list: its members, by
    /// position (the pieces link to their entries) and by row id. The rest of the story (its
    /// headline, its summary, the members' titles and meta lines) is made from those rows alone,
    /// and a row that changes drops every story's pieces (``merge(_:)``), so the pieces kept
    /// under a key are those the story would render now. Row ids and positions are cheap to
    /// hash: the headline and summary sentences of a thousand stories, hashed once per format
    /// and write, were a sixth of a write at 10,000 articles (`perf`, `digestd-bench write`).
    private struct StoryKey: Hashable {
        let members: [Int]
        let ids: [Int64?]
    }

    init(day: String) {
        self.day = day
    }

    /// The day revision of the rows last read, if known.
    var currentRevision: Int64? {
        lock.lock()
        defer { lock.unlock() }
        return revision
    }

    /// The day's digest as the ledger holds it now.
    /// - Throws: ``LedgerError`` when the ledger cannot be read; the copy then stays as it was.
    func digest(ledger: Ledger, cache: TermCache) throws(LedgerError) -> DayDigest {
        lock.lock()
        defer { lock.unlock() }
        let since = revision
        // Until this read is merged, the copy is not known to be any revision.
        revision = nil
        let changes = try ledger.changes(day: day, since: since)
        if let digest, let since, changes.state.revision == since, changes.changed.isEmpty {
            revision = since
            return digest
        }
        // Drop the old digest before the rows change: it shares their storage, and merging into
        // shared storage would copy every row of the day first.
        digest = nil
        if since == nil || !merge(changes.changed) || records.count != changes.state.articles {
            load(since == nil ? changes.changed : try ledger.changes(day: day, since: nil).changed)
        }
        // A ledger without revisions (a read-only reader of an older database) says -1: read
        // the day again next time.
        revision = changes.state.revision >= 0 ? changes.state.revision : nil
        let built = DayDigest(day: day, articles: records, cache: cache, memo: topStories, unchangedPrefix: unchangedPrefix)
        unchangedPrefix = records.count
        // Pieces of stories that changed or merged since: dropped once they outnumber the day's
        // stories (a story's pieces are used at least once per write that shows it).
        storyUse += 1
        if stories.count > 2 * built.topStories.count + 16 {
            stories = stories.filter { $0.value.used >= storyUse - 1 }
        }
        digest = built
        return built
    }

    private func load(_ rows: [RevisedArticle]) {
        unchangedPrefix = 0
        records = rows.map(\.record)
        position = [:]
        position.reserveCapacity(records.count)
        for (i, r) in records.enumerated() { if let id = r.id { position[id] = i } }
        markdownPieces = Array(repeating: nil, count: records.count)
        htmlPieces = Array(repeating: nil, count: records.count)
        escapedPieces = Array(repeating: nil, count: records.count)
        jsonPieces = Array(repeating: nil, count: records.count)
        stories = [:]
    }

    /// Merges rows changed since ``revision``; false when the copy must be read again whole (a row
    /// without id, or one whose arrival changed).
    private func merge(_ rows: [RevisedArticle]) -> Bool {
        for row in rows {
            let record = row.record
            guard let id = record.id else { return false }
            if let p = position[id] {
                guard records[p].arrivedAt == record.arrivedAt else { return false }
                records[p] = record
                unchangedPrefix = min(unchangedPrefix, p)
                markdownPieces[p] = nil
                htmlPieces[p] = nil
                escapedPieces[p] = nil
                jsonPieces[p] = nil
                // A story's HTML shows its members' titles and meta lines.
                stories = [:]
                continue
            }
            // Usually the latest arrival: appended. Files found at start-up arrive with their
            // modification times, which may fall anywhere in the day.
            let key = (record.arrivedAt, id)
            var p = records.count
            if let last = records.last, key < (last.arrivedAt, last.id ?? 0) {
                var low = 0, high = records.count
                while low < high {
                    let mid = (low + high) / 2
                    if (records[mid].arrivedAt, records[mid].id ?? 0) < key { low = mid + 1 } else { high = mid }
                }
                p = low
            }
            unchangedPrefix = min(unchangedPrefix, p)
            records.insert(record, at: p)
            markdownPieces.insert(nil, at: p)
            htmlPieces.insert(nil, at: p)
            escapedPieces.insert(nil, at: p)
            jsonPieces.insert(nil, at: p)
            for i in p..<records.count { if let id = records[i].id { position[id] = i } }
        }
        return true
    }

    /// Whether `digest` is the one the copy built last (same rows buffer), so that its
    /// positions are those of the kept pieces; another (an older one, held by a caller while
    /// another write moved on) is rendered without them.
    private func isCurrent(_ digest: DayDigest) -> Bool {
        guard let built = self.digest, built.articles.count == digest.articles.count,
              markdownPieces.count == digest.articles.count, htmlPieces.count == digest.articles.count,
              escapedPieces.count == digest.articles.count, jsonPieces.count == digest.articles.count else { return false }
        return built.articles.withUnsafeBufferPointer { a in
            digest.articles.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
        }
    }

    /// The Markdown file of ``digest(ledger:cache:)``'s result.
    func markdown(_ digest: DayDigest) -> String {
        var out = ""
        markdown(digest, into: &out)
        return out
    }

    /// ``markdown(_:)`` into `out` (a ``FileOutput``: the kept pieces streamed into the file).
    func markdown<Out: TextSink>(_ digest: DayDigest, into out: inout Out) {
        lock.lock()
        defer { lock.unlock() }
        let current = isCurrent(digest)
        MarkdownDigest.render(digest, into: &out, entry: { i in
            guard current else { return MarkdownDigest.entry(digest.articles[i]) }
            if let piece = markdownPieces[i] { return piece }
            let piece = MarkdownDigest.entry(digest.articles[i])
            markdownPieces[i] = piece
            return piece
        }, story: { s in
            guard current else { return MarkdownDigest.story(s, of: digest) }
            let key = Self.storyKey(s, of: digest)
            if let text = self.stories[key]?.markdown {
                self.stories[key]?.used = self.storyUse
                return text
            }
            let text = MarkdownDigest.story(s, of: digest)
            self.stories[key, default: StoryPieces(used: self.storyUse)].markdown = text
            self.stories[key]?.used = self.storyUse
            return text
        })
    }

    /// The JSON file of ``digest(ledger:cache:)``'s result, from kept per-article pieces.
    func json(_ digest: DayDigest) -> String {
        var out = ""
        json(digest, into: &out)
        return out
    }

    /// ``json(_:)`` into `out` (a ``FileOutput``: the kept pieces streamed into the file).
    func json<Out: TextSink>(_ digest: DayDigest, into out: inout Out) {
        lock.lock()
        defer { lock.unlock() }
        let current = isCurrent(digest)
        JSONDigest.assemble(digest, into: &out, piece: { i, story, out in
            if current, let kept = jsonPieces[i] { return JSONDigest.write(kept, topStory: story, into: &out) }
            guard let piece = JSONDigest.articlePiece(digest.articles[i]) else {
                return out.write(JSONDigest.articlePiece(digest.articles[i], topStory: story))
            }
            if current { jsonPieces[i] = piece }
            JSONDigest.write(piece, topStory: story, into: &out)
        }, story: { s in
            guard current else { return JSONDigest.storyPiece(.init(digest.topStories[s])) }
            let key = Self.storyKey(s, of: digest)
            if let text = self.stories[key]?.json {
                self.stories[key]?.used = self.storyUse
                return text
            }
            let text = JSONDigest.storyPiece(.init(digest.topStories[s]))
            self.stories[key, default: StoryPieces(used: self.storyUse)].json = text
            self.stories[key]?.used = self.storyUse
            return text
        })
    }

    /// The HTML page (`template` `page`) or its body (`body`, for the Atom entry) of
    /// ``digest(ledger:cache:)``'s result; with `escaped`, escaped once more for XML
    /// (``MarkupEscaping/escape(_:)``) from kept escaped pieces, as the feed's content.
    /// With `latest`, only the latest articles in no top story (the feed's entry).
    func html(_ digest: DayDigest, links: HTMLDigest.Links, template: String, escaped: Bool = false,
              latest: HTMLDigest.Latest? = nil) throws(DigestTemplateError) -> String {
        var out = ""
        try html(digest, links: links, template: template, escaped: escaped, latest: latest, into: &out)
        return out
    }

    /// ``html(_:links:template:escaped:latest:)`` into `out` (a ``FileOutput``: the kept pieces
    /// streamed into the file).
    func html<Out: TextSink>(_ digest: DayDigest, links: HTMLDigest.Links, template: String, escaped: Bool = false,
                             latest: HTMLDigest.Latest? = nil, into out: inout Out) throws(DigestTemplateError) {
        lock.lock()
        defer { lock.unlock() }
        let current = isCurrent(digest)
        try HTMLDigest.assemble(digest, links: links, template: template, escaped: escaped, latest: latest, into: &out,
                                story: { s, out throws(DigestTemplateError) in
            let key = Self.storyKey(s, of: digest)
            let piece: (head: String, tail: String)
            if current, let kept = escaped ? stories[key]?.escaped : stories[key]?.plain {
                piece = kept
            } else {
                let plain: (head: String, tail: String)
                if current, let kept = stories[key]?.plain {
                    plain = kept
                } else {
                    plain = try HTMLDigest.storyPieces(s, of: digest, output: links.output)
                    if current { stories[key, default: StoryPieces(used: storyUse)].plain = plain }
                }
                if escaped {
                    piece = (MarkupEscaping.escape(plain.head), MarkupEscaping.escape(plain.tail))
                    if current { stories[key, default: StoryPieces(used: storyUse)].escaped = piece }
                } else {
                    piece = plain
                }
            }
            if current { stories[key]?.used = storyUse }
            // The anchor `s<N>` has nothing to escape.
            out.write(piece.head)
            out.write("s")
            out.write(String(s + 1))
            out.write(piece.tail)
        }, entry: { i, out throws(DigestTemplateError) in
            let piece: (head: String, tail: String)
            if current, let kept = escaped ? escapedPieces[i] : htmlPieces[i] {
                piece = kept
            } else {
                let plain: (head: String, tail: String)
                if current, let kept = htmlPieces[i] {
                    plain = kept
                } else {
                    plain = try HTMLDigest.entryPieces(digest.articles[i], output: links.output)
                    if current { htmlPieces[i] = plain }
                }
                if escaped {
                    piece = (MarkupEscaping.escape(plain.head), MarkupEscaping.escape(plain.tail))
                    if current { escapedPieces[i] = piece }
                } else {
                    piece = plain
                }
            }
            // The anchor `a<N>` has nothing to escape.
            out.write(piece.head)
            out.write("a")
            out.write(String(i + 1))
            out.write(piece.tail)
        })
    }
}
