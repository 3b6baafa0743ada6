import Ledger

/// Renders `feed.atom`: an Atom 1.0 feed (RFC 4287) with one entry per day, newest first.
///
/// - Ids are `tag:` URIs (RFC 4151) built from the digest folder and the day, e.g.
///   `tag:digestd,2026:/var/lib/digestd/digests/2026-11-29`: stable across rewrites and restarts,
///   distinct for two digest folders.
/// - `updated` of an entry is the arrival of the day's latest article, in RFC 3339 with the UTC
///   offset recorded for it; the feed's is the latest of its entries. No clock is read, so the
///   same ledger always gives the same bytes.
/// - Each entry's `content` (type `html`) is the day's page body from the same templates as the
///   HTML digest, escaped once more for XML: the ``latestStories`` top stories with the latest
///   reports, then the latest ``latestArticles`` of the other articles, each after a line that
///   links to the day's page for all of them when there are more; its `summary` is the plain
///   list of the headlines shown (and how many others are left out). RFC 4287 asks nothing about
///   how much of a day an entry carries; capping it keeps the feed's size, and the cost of
///   rewriting it at every arrival, independent of how large the day grows (a 10,000-article day
///   would otherwise put its whole page, escaped, into the feed; with every top story shown, the
///   thousand stories of such a day still made a 2.6 MB feed and a quarter of each write).
package enum AtomFeed {
    /// Days in the feed when the configuration does not say (`feed_days`).
    package static let defaultDays = 7
    /// Articles in no top story that a day's entry shows, the latest by arrival.
    package static let latestArticles = 50
    /// Top stories that a day's entry shows: those whose latest report arrived latest.
    package static let latestStories = 20

    /// The feed of `days`.
    /// - Parameters:
    ///   - days: the digests to include, in any order (callers pass the most recent ones).
    ///   - output: the digest folder: the base of the ids and of the relative links.
    ///   - html: whether the HTML pages exist; entries then link to them, else to the Markdown files.
    ///   - latest: articles in no top story each day's entry shows, the latest (``latestArticles``).
    ///   - stories: top stories each day's entry shows, those with the latest reports (``latestStories``).
    /// - Throws: ``DigestTemplateError`` only when this build's templates are broken.
    package static func render(days: [DayDigest], output: String, html: Bool,
                               latest: Int = latestArticles, stories: Int = latestStories) throws(DigestTemplateError) -> String {
        let sorted = days.filter { !$0.articles.isEmpty }.sorted { $0.day > $1.day }
        var entries: [DayEntry] = []
        for digest in sorted {
            let body = try HTMLDigest.fragment(digest, links: HTMLDigest.Links(output: output, feed: true),
                                               latest: shown(digest, html: html, latest: latest, stories: stories))
            entries.append(try entry(digest, output: output, html: html, latest: latest, stories: stories,
                                     escapedBody: MarkupEscaping.escape(body)))
        }
        return try assemble(entries, output: output, html: html)
    }

    /// One day's `<entry>` element, and the latest arrival of the day for the feed's `updated`.
    struct DayEntry: Sendable {
        /// From `<entry>` to `</entry>` and its line break.
        let xml: String
        /// The day's latest article (arrival, then row id), with its RFC 3339 time.
        let latest: (arrivedAt: Int64, id: Int64, timestamp: String)?
    }

    /// Stand-ins for the two values that carry article text, replaced after rendering: so the
    /// template runs on a few short strings, and the long ones are escaped once, in one pass.
    private static let summaryMark = "\u{E000}digestd-summary\u{E000}"
    private static let contentMark = "\u{E000}digestd-content\u{E000}"

    /// The `<entry>` of `digest`, whose page body (``HTMLDigest/fragment(_:links:)``, with links
    /// for a folder that has the feed), escaped once more for XML (``MarkupEscaping/escape(_:)``),
    /// is `escapedBody`: the writer keeps each entry's escaped piece, so that a grown day's body
    /// is not escaped whole again.
    static func entry(_ digest: DayDigest, output: String, html: Bool, latest: Int, stories: Int = latestStories,
                      escapedBody: String) throws(DigestTemplateError) -> DayEntry {
        let cut = shown(digest, html: html, latest: latest, stories: stories)
        let shownStories = HTMLDigest.shownStories(digest, latest: cut)
        let shownSingles = HTMLDigest.shownSingles(digest, latest: cut)
        var headlines = shownStories.map { digest.topStories[$0].headline }
        let otherStories = digest.topStories.count - shownStories.count
        if otherStories > 0 { headlines.append(otherStories == 1 ? "1 other top story" : "\(otherStories) other top stories") }
        headlines += shownSingles.map { digest.articles[$0].title }
        let left = digest.singles.count - shownSingles.count
        if left > 0 { headlines.append(left == 1 ? "1 earlier article" : "\(left) earlier articles") }
        let n = digest.articles.count
        let view = FeedView(id: "", title: "", updated: "", hasIndex: false, entries: [FeedView.Entry(
            id: tagBase(output) + "/" + digest.day,
            title: "Digest for \(digest.longDate) (\(n == 1 ? "1 article" : "\(n) articles"))",
            updated: digest.updated ?? "",
            linkType: html ? "text/html" : "text/markdown",
            href: digest.day + (html ? ".html" : ".md"),
            summary: summaryMark,
            content: contentMark)])
        let feed = try DigestTemplates.render(view, template: "feed")
        // The entry is the only element between the feed's head and its end; the marks are its
        // last two values (searched from the end: a day's name comes before them).
        guard let start = feed.range(of: "<entry>"), let end = feed.range(of: "</feed>", options: .backwards),
              let content = feed.range(of: contentMark, options: .backwards, range: start.lowerBound..<end.lowerBound),
              let summary = feed.range(of: summaryMark, options: .backwards, range: start.lowerBound..<content.lowerBound) else {
            throw DigestTemplateError(template: "feed", detail: "entry markers not found")
        }
        let escapedSummary = MarkupEscaping.escape(headlines.joined(separator: " · "))
        var xml = ""
        xml.reserveCapacity(feed.utf8.count + escapedSummary.utf8.count + escapedBody.utf8.count)
        xml += feed[start.lowerBound..<summary.lowerBound]
        xml += escapedSummary
        xml += feed[summary.upperBound..<content.lowerBound]
        xml += escapedBody
        xml += feed[content.upperBound..<end.lowerBound]
        let latest = digest.latest.map { digest.articles[$0] }
        return DayEntry(xml: xml, latest: latest.map { ($0.arrivedAt, $0.id ?? 0, ArticleFacts.timestamp($0)) })
    }

    /// The feed of `entries`, given newest day first: the feed's head, then the entries as they
    /// are. Its `updated` is the latest of the entries' latest arrivals.
    static func assemble(_ entries: [DayEntry], output: String, html: Bool) throws(DigestTemplateError) -> String {
        var latest: (arrivedAt: Int64, id: Int64, timestamp: String)?
        for entry in entries {
            if let l = entry.latest, latest.map({ ($0.arrivedAt, $0.id) < (l.arrivedAt, l.id) }) ?? true { latest = l }
        }
        let view = FeedView(id: tagBase(output) + "/", title: "digestd daily digests",
                            updated: latest?.timestamp ?? "1970-01-01T00:00:00+00:00", hasIndex: html, entries: [])
        let skeleton = try DigestTemplates.render(view, template: "feed")
        guard let end = skeleton.range(of: "</feed>", options: .backwards) else {
            throw DigestTemplateError(template: "feed", detail: "no </feed>")
        }
        var out = ""
        out.reserveCapacity(skeleton.utf8.count + entries.reduce(0) { $0 + $1.xml.utf8.count })
        out += skeleton[..<end.lowerBound]
        for entry in entries { out += entry.xml }
        out += skeleton[end.lowerBound...]
        return out
    }

    /// What a day's entry shows: of the articles in no top story the latest `latest`, of the top
    /// stories the `stories` with the latest reports, and the day's page (or its Markdown file,
    /// without HTML) for the rest.
    static func shown(_ digest: DayDigest, html: Bool, latest: Int, stories: Int = latestStories) -> HTMLDigest.Latest {
        HTMLDigest.Latest(count: latest, stories: stories, href: digest.day + (html ? ".html" : ".md"))
    }

    /// `tag:digestd,2026:` and the digest folder's absolute path, percent-encoded by segment.
    static func tagBase(_ output: String) -> String {
        "tag:digestd,2026:" + ArticleFacts.relativeURL(from: "/", to: output).split(separator: "/").map { "/" + $0 }.joined()
    }
}

struct FeedView {
    struct Entry {
        let id: String
        let title: String
        let updated: String
        let linkType: String
        let href: String
        let summary: String
        let content: String
    }

    let id: String
    let title: String
    let updated: String
    let hasIndex: Bool
    let entries: [Entry]
}
