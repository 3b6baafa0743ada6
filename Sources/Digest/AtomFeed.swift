import Ledger

/// Renders `feed.atom`: an Atom 1.0 feed (RFC 4287) with one entry per day, newest first.
///
/// - Ids are `tag:` URIs (RFC 4151) built from the digest folder and the day, e.g.
///   `tag:digestd,2026:/var/lib/digestd/digests/2026-11-29`: stable across rewrites and restarts,
///   distinct for two digest folders.
/// - `updated` of an entry is the arrival of the day's latest article, in RFC 3339 with the UTC
///   offset recorded for it; the feed's is the latest of its entries. No clock is read, so the
///   same ledger always gives the same bytes.
/// - Each entry's `content` (type `html`) is the day's page body (top stories, then the other
///   articles) from the same templates as the HTML digest, escaped once more for XML; its
///   `summary` is the plain list of headlines.
public enum AtomFeed {
    /// Days in the feed when the configuration does not say (`feed_days`).
    public static let defaultDays = 7

    /// The feed of `days`.
    /// - Parameters:
    ///   - days: the digests to include, in any order (callers pass the most recent ones).
    ///   - output: the digest folder: the base of the ids and of the relative links.
    ///   - html: whether the HTML pages exist; entries then link to them, else to the Markdown files.
    /// - Throws: ``DigestTemplateError`` only when this build's templates are broken.
    public static func render(days: [DayDigest], output: String, html: Bool) throws(DigestTemplateError) -> String {
        let sorted = days.filter { !$0.articles.isEmpty }.sorted { $0.day > $1.day }
        let base = "tag:digestd,2026:" + ArticleFacts.relativeURL(from: "/", to: output)
            .split(separator: "/").map { "/" + $0 }.joined()
        var entries: [FeedView.Entry] = []
        for digest in sorted {
            let links = HTMLDigest.Links(output: output, feed: true)
            let headlines = digest.topStories.map(\.headline) + digest.singles.map { digest.articles[$0].title }
            let n = digest.articles.count
            entries.append(FeedView.Entry(
                id: base + "/" + digest.day,
                title: "Digest for \(digest.longDate) (\(n == 1 ? "1 article" : "\(n) articles"))",
                updated: digest.updated ?? "",
                linkType: html ? "text/html" : "text/markdown",
                href: digest.day + (html ? ".html" : ".md"),
                summary: headlines.joined(separator: " · "),
                content: try HTMLDigest.fragment(digest, links: links)))
        }
        let latest = sorted.flatMap(\.articles).max { ($0.arrivedAt, $0.id ?? 0) < ($1.arrivedAt, $1.id ?? 0) }
        let view = FeedView(id: base + "/", title: "digestd daily digests",
                            updated: latest.map(ArticleFacts.timestamp) ?? "1970-01-01T00:00:00+00:00",
                            hasIndex: html, entries: entries)
        return try DigestTemplates.render(view, template: "feed")
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
