import Ledger

/// Renders one day's digest as an HTML5 page (`YYYY-MM-DD.html`) from the Mustache templates in
/// ``HTMLTemplates``.
///
/// The page is self-contained: one inline style sheet (responsive column, light and dark schemes
/// through `prefers-color-scheme`, a print layout), no scripts, no external resources. Top
/// stories come first, each with its multi-document summary and its sources; the other articles
/// follow in arrival order. All article text goes through ``MarkupEscaping``; each piece sits in a
/// `dir="auto"` element so right-to-left text and stray bidi controls stay inside it. Source links
/// are relative to the digest folder and percent-encoded.
public enum HTMLDigest {
    /// Options that change what a page links to.
    public struct Links: Sendable, Equatable {
        /// The digest folder, the base of the relative links to source files.
        public var output: String
        /// Whether `feed.atom` is written (the page then advertises it).
        public var feed: Bool

        public init(output: String, feed: Bool) {
            self.output = output
            self.feed = feed
        }
    }

    /// The HTML page of `digest`.
    /// - Throws: ``DigestTemplateError`` only when this build's templates are broken.
    public static func render(_ digest: DayDigest, links: Links) throws(DigestTemplateError) -> String {
        try DigestTemplates.render(PageView(digest, links: links), template: "page")
    }

    /// The page's content without the document around it, as used in Atom entries.
    static func fragment(_ digest: DayDigest, links: Links) throws(DigestTemplateError) -> String {
        try DigestTemplates.render(PageView(digest, links: links), template: "body")
    }
}

/// What the `meta` and `entry` templates show of one article. Read by Mustache through `Mirror`.
struct EntryView {
    let anchor: String
    let lang: String
    let title: String
    let sentences: [String]
    let source: String
    let href: String
    let words: String
    let reading: String
    let time: String
    let datetime: String
    let hasKeywords: Bool
    let keywords: String

    init(_ a: ArticleRecord, index: Int, output: String) {
        anchor = "a\(index + 1)"
        lang = ArticleFacts.languageTag(a.language)
        title = a.title
        sentences = a.sentences
        source = ArticleFacts.sourceName(a)
        href = ArticleFacts.relativeURL(from: output, to: a.path)
        words = a.wordCount == 1 ? "1 word" : "\(a.wordCount) words"
        reading = "\(ArticleFacts.readingMinutes(a)) min read"
        time = ArticleFacts.localTime(a)
        datetime = ArticleFacts.timestamp(a)
        hasKeywords = !a.keywords.isEmpty
        keywords = a.keywords.joined(separator: ", ")
    }
}

/// What the `story` template shows of a top story.
struct StoryView {
    let anchor: String
    let headline: String
    let summary: [String]
    let sourceCount: Int
    let sources: [EntryView]
}

/// What the `page` and `body` templates show of a day.
struct PageView {
    let day: String
    let longDate: String
    let countLine: String
    let hasFeed: Bool
    let hasTopStories: Bool
    let topStories: [StoryView]
    let hasSingles: Bool
    let singlesHeading: String
    let singles: [EntryView]

    init(_ digest: DayDigest, links: HTMLDigest.Links) {
        let entries = digest.articles.enumerated().map { EntryView($1, index: $0, output: links.output) }
        day = digest.day
        longDate = digest.longDate
        let n = digest.articles.count
        var line = n == 1 ? "1 article" : "\(n) articles"
        if !digest.topStories.isEmpty {
            line += digest.topStories.count == 1 ? " · 1 top story" : " · \(digest.topStories.count) top stories"
        }
        countLine = line
        hasFeed = links.feed
        topStories = digest.topStories.enumerated().map { s, story in
            StoryView(anchor: "s\(s + 1)", headline: story.headline, summary: story.summary,
                      sourceCount: story.members.count, sources: story.members.map { entries[$0] })
        }
        hasTopStories = !topStories.isEmpty
        singles = digest.singles.map { entries[$0] }
        hasSingles = !singles.isEmpty
        singlesHeading = hasTopStories ? "More stories" : "Stories"
    }
}
